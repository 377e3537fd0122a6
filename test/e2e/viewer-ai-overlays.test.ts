// AI overlays end to end on the chest CT: an analysis stored the way the job service stores one
// (FIXTURE from the case's ground-truth tumour boxes: support/analysis-fixture.ts) is drawn as a
// label map in every MPR view once a finding is chosen (the slice jumps to it), disappears and
// comes back with its layer toggle, is listed with a bilingual legend and the low-confidence flag,
// shows as a surface in 3-D, and raises its triage flag on the worklist. Screenshots in test-results/.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { type AnalysisFixture, storeTumourAnalysisFixture, TUMOUR_COLOR } from './support/analysis-fixture';
import { HAS_CHROMIUM, launchChromium, openApp } from './support/browser';
import { importFirstStudy } from './support/import-study';
import { screenshot } from './support/screenshots';
import { type RunningWebApp, startWebApp } from './support/web-app';
import { captureImage, decodeInPage, framesOf } from './viewer-pixels';

const CASE_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002');
const RUN = HAS_SHARED && HAS_CHROMIUM;

/** Pixels of the viewport whose colour is the label's (magenta over grey: red and blue well above green). */
async function labelPixels(page: Page, element: Locator): Promise<number> {
  const decoded = await decodeInPage(page, await captureImage(element));
  try {
    return await page.evaluate(
      ([image, color]) => {
        const { data } = image;
        let n = 0;
        for (let o = 0; o < data.length; o += 4) {
          const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
          if (color[0] > 128 && color[2] > 128 && r - g > 60 && b - g > 60) n++;
        }
        return n;
      },
      [decoded, TUMOUR_COLOR] as const,
    );
  } finally {
    await decoded.dispose();
  }
}

describe.skipIf(!RUN)(`viewer AI overlays${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;
  let studyUID: string;
  let fixture: AnalysisFixture;

  beforeAll(async () => {
    app = await startWebApp();
    let seriesUID: string;
    ({ studyUID, seriesUID } = await importFirstStudy(app, sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f')));
    fixture = await storeTumourAnalysisFixture(app, seriesUID, studyUID, `${CASE_DIR}/annotations`);
    browser = await launchChromium();
    page = await openApp(browser, `${app.host.url}#/viewer/${studyUID}`, { width: 1600, height: 860 });
    await page.selectOption('[data-testid=language-switch]', 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const pixelsDrawn = (kind: string) => page.locator(`[data-testid=viewport-${kind}] [data-testid=ai-overlay-canvas]`).getAttribute('data-ai-pixels').then(Number);
  const sliceText = () => page.locator('[data-testid=viewport-axial] [data-testid=overlay-slice]').textContent();
  /** The axial slice number (1-based, from the feet) through a patient z, as the viewer counts. */
  const axialSliceOf = (z: number) => {
    const { origin, spacing, direction, dimensions } = fixture.volume;
    const zs = [0, dimensions[2] - 1].map((k) => origin[2] + direction[2][2] * k * spacing[2]);
    return Math.round((z - Math.min(...zs)) / spacing[2]) + 1;
  };

  it('lists the findings with the legend, jumps to a chosen finding and draws its label map in every MPR view', async () => {
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=ai-legend-label]').allTextContents(), { timeout: 30_000 }).toEqual(['Tumour']);
    const findings = page.locator('[data-testid=ai-finding]');
    await expect.poll(() => findings.count()).toBe(2);
    expect(await page.locator('[data-testid=ai-low-confidence]').allTextContents()).toEqual(['low confidence — correlate clinically']);
    // The parametric layer: a colour bar with its range and unit; switched off so the label's own colour is counted below.
    expect(await page.locator('[data-testid=ai-colorbar]').textContent()).toBe('-500 – 100 HU');
    const labelToggle = page.locator('[data-layer=tumour] [data-testid=ai-layer-toggle]');
    const densityToggle = page.locator('[data-layer=tumour_hu] [data-testid=ai-layer-toggle]');
    process.stdout.write(`fixture tumour: ${fixture.tumour.longAxisMm?.toFixed(1)} mm, ${fixture.tumour.volumeMl?.toFixed(2)} mL at z ${fixture.tumour.centerLPS![2].toFixed(1)}\n`);

    const before = await sliceText();
    await findings.first().locator('button').click();
    const expected = `${axialSliceOf(fixture.tumour.centerLPS![2])}/30`;
    await expect.poll(sliceText).toContain(expected);
    expect(before).not.toContain(expected);
    for (const kind of ['axial', 'coronal', 'sagittal']) await expect.poll(() => pixelsDrawn(kind), { timeout: 20_000 }).toBeGreaterThan(50);
    const both = await pixelsDrawn('axial');
    await screenshot(page, 'ai-overlay-parametric');
    await densityToggle.uncheck();
    await expect.poll(() => pixelsDrawn('axial')).toBeLessThan(both);
    const axial = page.locator('[data-testid=canvas-axial]');
    const on = await labelPixels(page, axial);
    process.stdout.write(`label pixels on screen (axial): ${on}; drawn by the overlay: ${await pixelsDrawn('axial')}\n`);
    expect(on).toBeGreaterThan(50);
    await screenshot(page, 'ai-overlay-on');

    await labelToggle.uncheck();
    await expect.poll(() => pixelsDrawn('axial')).toBe(0);
    expect(await labelPixels(page, axial)).toBeLessThan(on / 20);
    await screenshot(page, 'ai-overlay-off');
    await labelToggle.check();
    await expect.poll(() => pixelsDrawn('axial')).toBeGreaterThan(50);

    // Keyboard: N chooses the next finding (the low-confidence marker, below the tumour: drawn alone there).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('N');
    await expect.poll(sliceText).toContain(`${axialSliceOf(fixture.lowConfidence.centerLPS![2])}/30`);
    expect(await findings.nth(1).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=viewport-axial] [data-testid=ai-overlay-canvas]').getAttribute('data-ai-findings')).toBe('1');
    await page.keyboard.press('Shift+N');
    await expect.poll(sliceText).toContain(expected);
  });

  it('shows the legend and the low-confidence flag in Chinese', async () => {
    await page.selectOption('[data-testid=language-switch]', 'zh-CN');
    await expect.poll(() => page.locator('[data-testid=ai-legend-label]').allTextContents()).toEqual(['肿瘤']);
    expect(await page.locator('[data-testid=ai-low-confidence]').allTextContents()).toEqual(['低置信度——请结合临床']);
    await screenshot(page, 'ai-overlay-zh');
  });

  it('draws the label as a surface in the 3-D view', async () => {
    await page.keyboard.press('T');
    await expect.poll(() => framesOf(page, 'canvas-volume3d'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=canvas-volume3d]').getAttribute('data-ai-surfaces'), { timeout: 30_000 }).toBe('1');
    // The lung preset leaves soft tissue faint, so the hilar tumour's surface shows through.
    const frames = await framesOf(page, 'canvas-volume3d');
    await page.locator('select:has(option[value="ct-lung"])').selectOption('ct-lung');
    await expect.poll(() => framesOf(page, 'canvas-volume3d'), { timeout: 60_000 }).toBeGreaterThan(frames);
    const surfacePixels = await labelPixels(page, page.locator('[data-testid=canvas-volume3d]'));
    process.stdout.write(`label surface pixels in 3-D: ${surfacePixels}\n`);
    expect(surfacePixels).toBeGreaterThan(200);
    await screenshot(page, 'ai-overlay-3d');
  });

  it('flags the study on the worklist from the stored analysis', async () => {
    await page.goto(`${app.host.url}#/worklist`);
    const flag = page.locator('[data-testid=triage-flag]');
    await expect.poll(() => flag.allTextContents(), { timeout: 20_000 }).toEqual(['肺部病灶 ≥ 8 mm', ...(fixture.tumour.longAxisMm! >= 30 ? ['肺部肿块 ≥ 3 cm'] : [])]);
    expect(await page.locator('[data-testid=ai-state]').getAttribute('data-state')).toBe('done');
    await screenshot(page, 'ai-worklist-flags');
  });
});
