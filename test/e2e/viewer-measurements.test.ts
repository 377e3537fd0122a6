// Viewer measurements end to end: a rectangle ROI drawn on the chest CT's axial view in the air
// in front of the patient reads about −1000 HU (rescale applied), is saved to the store, and is
// listed again (and drawn) after the page is reloaded; the inscribed ellipse reads the same air, and a three-click angle measures 90°.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM } from './support/browser';
import { screenshot } from './support/screenshots';
import type { RunningWebApp } from './support/web-app';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import { framesOf, pixelStats } from './viewer-pixels';

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const RUN = HAS_SHARED && HAS_CHROMIUM;

describe.skipIf(!RUN)(`viewer measurements${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession | undefined;
  let app: RunningWebApp;
  let page: Page;
  let seriesUID: string;

  beforeAll(async () => {
    session = await openImportedStudy(CT_DIR, { viewport: { width: 1500, height: 820 } });
    ({ app, page, seriesUID } = session);
  });

  afterAll(() => session?.close());

  it('measures air in front of the chest at about −1000 HU and keeps the ROI after a reload', async () => {
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 60_000 }).toBeGreaterThan(0);
    const canvas = page.locator('[data-testid=canvas-axial]');
    const stats = await pixelStats(page, canvas);
    expect(stats.box).not.toBeNull();
    const box = stats.box!;
    const origin = (await canvas.boundingBox())!;
    const w = box.right - box.left;
    const h = box.bottom - box.top;
    // Top-left corner of the 512² field of view: anterior-right, outside the body.
    const x1 = origin.x + box.left + 0.04 * w;
    const y1 = origin.y + box.top + 0.04 * h;
    const drag = async (tool: string) => {
      await page.keyboard.press(tool);
      await page.mouse.move(x1, y1);
      await page.mouse.down();
      await page.mouse.move(x1 + 0.05 * w, y1 + 0.05 * h, { steps: 2 });
      await page.mouse.move(x1 + 0.1 * w, y1 + 0.1 * h, { steps: 2 });
      await page.mouse.up();
    };
    await drag('O');

    const label = page.locator('[data-testid=viewport-axial] [data-testid=roi-label]');
    await expect.poll(() => label.count()).toBe(1);
    const mean = Number(await label.getAttribute('data-mean'));
    process.stdout.write(`rectangle ROI in air: mean ${mean.toFixed(1)} HU (${await label.textContent()})\n`);
    expect(Math.abs(mean - -1000)).toBeLessThan(50);
    const rows = page.locator('[data-testid=measurement-row]');
    await expect.poll(() => rows.count()).toBe(1);

    // The same drag with the ellipse tool: the inscribed ellipse, π/4 of the rectangle's area.
    await drag('E');
    await expect.poll(() => rows.count()).toBe(2);
    const stored = await app.core.dispatch('measurements:list', { seriesInstanceUID: seriesUID });
    expect(stored).toMatchObject({ ok: true, value: [{ kind: 'rectangle' }, { kind: 'ellipse' }] });
    const [rect, ellipse] = (stored.ok ? stored.value : []) as { values: Record<string, number> }[];
    expect(ellipse!.values.areaMm2! / rect!.values.areaMm2!).toBeCloseTo(Math.PI / 4, 6);
    expect(Math.abs(ellipse!.values.mean! - -1000)).toBeLessThan(50);
    expect(ellipse!.values.count!).toBeLessThan(rect!.values.count!);

    // Angle: three clicks (arm end, vertex, arm end) at right angles on the square-pixel axial view.
    await page.keyboard.press('A');
    for (const [x, y] of [[x1 + 0.1 * w, y1], [x1, y1], [x1, y1 + 0.1 * h]] as const) await page.mouse.click(x, y);
    await expect.poll(() => rows.count()).toBe(3);
    const angles = await app.core.dispatch('measurements:list', { seriesInstanceUID: seriesUID });
    const angle = (angles.ok ? (angles.value as { kind: string; values: Record<string, number> }[]) : []).find((m) => m.kind === 'angle');
    process.stdout.write(`angle ${angle?.values.degrees?.toFixed(2)}°\n`);
    expect(angle!.values.degrees).toBeCloseTo(90, 0);
    await screenshot(page, 'viewer-roi-air');

    await page.reload();
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    expect(await rows.first().getAttribute('data-kind')).toBe('rectangle');
    expect(Number(await rows.first().getAttribute('data-mean'))).toBeCloseTo(mean, 2);
    await expect.poll(() => page.locator('[data-testid=viewport-axial] [data-testid=roi-label]').count()).toBe(2);

    await expect.poll(() => page.locator('[data-testid=viewport-axial] [data-testid=angle-label]').count()).toBe(1);
    await rows.first().locator('[data-testid=measurement-delete]').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await app.core.dispatch('measurements:list', { seriesInstanceUID: seriesUID })).toMatchObject({
      ok: true,
      value: [{ kind: 'ellipse' }, { kind: 'angle' }],
    });
  });
});
