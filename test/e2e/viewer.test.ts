// The reading viewer end to end: the real importer stores the chest CT (30 × 8 mm, 512²) in a
// temporary data folder, the web host serves it, Debian's Chromium renders it with vtk.js on
// SwiftShader. Checks: the MPR views are drawn (not blank), the coronal view has the aspect
// the DICOM geometry gives, a length measured between image corners matches the geometry, a
// preset key changes the window, the 3-D view draws, and leaving the viewer removes every canvas.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeDescription } from '../../electron/shared/volumes';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM } from './support/browser';
import { screenshot } from './support/screenshots';
import type { RunningWebApp } from './support/web-app';
import { importAndWait, listedStudies } from './support/import-study';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import { framesOf, pixelStats } from './viewer-pixels';

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const RUN = HAS_SHARED && HAS_CHROMIUM;

describe.skipIf(!RUN)(`reading viewer (web host + Chromium + vtk.js)${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession | undefined;
  let app: RunningWebApp;
  let page: Page;
  let studyUID: string;
  let volume: VolumeDescription;

  beforeAll(async () => {
    session = await openImportedStudy(CT_DIR, { viewport: { width: 1500, height: 820 }, on: 'worklist' });
    ({ app, page, studyUID } = session);
    const described = await app.core.dispatch('volumes:describe', { seriesInstanceUID: session.seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    volume = (described.value as VolumeDescription[])[0]!;
  });

  afterAll(() => session?.close());

  it('opens the study from the worklist by keyboard', async () => {
    await expect.poll(() => page.locator('[data-testid=worklist-row]').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.worklist-table-area').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => decodeURIComponent(window.location.hash))).toBe(`#/viewer/${studyUID}`);
  });

  it('hangs the chest CT as MPR in the lung window and draws all three views', async () => {
    await expect.poll(() => page.locator('[data-testid=viewer-page]').getAttribute('data-layout'), { timeout: 60_000 }).toBe('mpr');
    for (const id of ['canvas-axial', 'canvas-coronal', 'canvas-sagittal']) {
      await expect.poll(() => framesOf(page, id), { timeout: 60_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('[data-testid=overlay-wl]').first().textContent()).toBe('W: 1500 L: -600');
    await screenshot(page, 'viewer-mpr-lung');
    for (const kind of ['axial', 'coronal', 'sagittal']) {
      const stats = await pixelStats(page, page.locator(`[data-testid=canvas-${kind}]`));
      expect(stats.stddev, `${kind} view is blank`).toBeGreaterThan(20);
    }
    expect(await page.locator('[data-testid=viewport-axial] [data-testid=marker-right]').textContent()).toBe('L');
    expect(await page.locator('[data-testid=viewport-axial] [data-testid=marker-top]').textContent()).toBe('A');
    expect(await page.locator('[data-testid=viewport-coronal] [data-testid=marker-top]').textContent()).toBe('S');
    expect(await page.locator('[data-testid=viewport-sagittal] [data-testid=marker-left]').textContent()).toBe('A');
  });

  it('draws the coronal view with the aspect of the DICOM geometry, and measures a length that matches it', async () => {
    const canvas = page.locator('[data-testid=canvas-coronal]');
    const stats = await pixelStats(page, canvas);
    expect(stats.box).not.toBeNull();
    const box = stats.box!;
    const drawnWidth = box.right - box.left + 1;
    const drawnHeight = box.bottom - box.top + 1;
    // Full voxel extents: each slice covers its 8 mm, so 30 slices span 240 mm in z.
    const widthMm = volume.dimensions[0] * volume.spacing[0];
    const heightMm = volume.dimensions[2] * volume.spacing[2];
    expect(heightMm).toBeCloseTo(240, 0);
    const expected = widthMm / heightMm;
    const measured = drawnWidth / drawnHeight;
    process.stdout.write(`coronal drawn ${drawnWidth}×${drawnHeight} px, aspect ${measured.toFixed(3)} vs geometry ${expected.toFixed(3)}\n`);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.015);

    // A vertical line from near the top edge to near the bottom edge of the drawn image.
    await page.keyboard.press('M');
    const origin = await canvas.boundingBox();
    const inset = 3;
    const x = origin!.x + box.left + drawnWidth / 3;
    const y1 = origin!.y + box.top + inset;
    const y2 = origin!.y + box.bottom - inset;
    await page.mouse.move(x, y1);
    await page.mouse.down();
    await page.mouse.move(x, (y1 + y2) / 2, { steps: 2 });
    await page.mouse.move(x, y2, { steps: 2 });
    await page.mouse.up();
    const label = page.locator('[data-testid=viewport-coronal] [data-testid=measurement-label]');
    await expect.poll(() => label.count()).toBe(1);
    const mm = Number(await label.getAttribute('data-mm'));
    const expectedMm = ((y2 - y1) / drawnHeight) * heightMm;
    process.stdout.write(`length ${mm.toFixed(2)} mm, expected from the drawn extent ${expectedMm.toFixed(2)} mm\n`);
    expect(Math.abs(mm - expectedMm)).toBeLessThan(heightMm / drawnHeight * 2 + 0.5);
    await screenshot(page, 'viewer-mpr-length');
  });

  it('changes the window with a number key and shows it in the overlay', async () => {
    const axial = page.locator('[data-testid=canvas-axial]');
    const before = await pixelStats(page, axial);
    const framesBefore = await framesOf(page, 'canvas-axial');
    await page.locator('[data-testid=canvas-axial]').hover();
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('[data-testid=viewport-axial] [data-testid=overlay-wl]').textContent()).toBe('W: 400 L: 40');
    await expect.poll(() => framesOf(page, 'canvas-axial')).toBeGreaterThan(framesBefore);
    const after = await pixelStats(page, axial);
    expect(Math.abs(after.mean - before.mean)).toBeGreaterThan(3);
    await expect.poll(() => page.locator('[data-testid=viewport-axial] [data-testid=overlay-probe]').textContent()).toMatch(/-?\d+ HU/);
    await screenshot(page, 'viewer-mpr-mediastinum');
  });

  it('shows a 10 mm MIP slab with S, brighter than the thin slice, and turns it off again', async () => {
    const coronal = page.locator('[data-testid=canvas-coronal]');
    const thickness = page.locator('[data-testid=viewport-coronal] [data-testid=overlay-thickness]');
    const thin = await pixelStats(page, coronal);
    const frames = await framesOf(page, 'canvas-coronal');
    await page.keyboard.press('S');
    await expect.poll(() => thickness.textContent()).toMatch(/10\.00 mm MIP$/);
    await expect.poll(() => framesOf(page, 'canvas-coronal')).toBeGreaterThan(frames);
    const mip = await pixelStats(page, coronal);
    expect(mip.mean).toBeGreaterThan(thin.mean + 2);
    await screenshot(page, 'viewer-mpr-mip');
    for (let i = 0; i < 3; i++) await page.keyboard.press('S'); // MinIP, mean, off
    await expect.poll(() => thickness.textContent()).toMatch(/0\.65 mm$/);
  });

  it('scrolls the axial view with the arrow keys and moves the slice number', async () => {
    const slice = page.locator('[data-testid=viewport-axial] [data-testid=overlay-slice]');
    const before = (await slice.textContent()) ?? '';
    // The wheel over a view makes it the active one (keys act on the active view) and scrolls it.
    await page.locator('[data-testid=canvas-axial]').hover();
    await page.mouse.wheel(0, 120);
    await expect.poll(() => slice.textContent()).not.toBe(before);
    await page.keyboard.press('Home');
    await expect.poll(() => slice.textContent()).toMatch(/: 1\/30$/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => slice.textContent()).toMatch(/: 2\/30$/);
    expect(before).toMatch(/\/30$/);
  });

  it('switches to MPR + 3-D with T and draws the volume rendering', async () => {
    await page.keyboard.press('T');
    await expect.poll(() => page.locator('[data-testid=viewer-page]').getAttribute('data-layout')).toBe('mpr3d');
    await expect.poll(() => framesOf(page, 'canvas-volume3d'), { timeout: 90_000 }).toBeGreaterThan(0);
    // The window chosen before (mediastinum, key 2) survives the layout change.
    expect(await page.locator('[data-testid=viewport-coronal] [data-testid=overlay-wl]').textContent()).toBe('W: 400 L: 40');
    const stats = await pixelStats(page, page.locator('[data-testid=canvas-volume3d]'));
    expect(stats.stddev, '3-D view is blank').toBeGreaterThan(10);
    await screenshot(page, 'viewer-mpr-3d');
  });

  it('shares one WebGL context between viewports and releases it (layouts cycled past Chromium’s 16-context limit)', async () => {
    const warnings: string[] = [];
    const onConsole = (message: { text(): string }) => {
      if (/too many active webgl contexts|context lost/i.test(message.text())) warnings.push(message.text());
    };
    page.on('console', onConsole);
    // Track every WebGL2 context created from now on, to count the ones still alive at the end.
    await page.evaluate(() => {
      const contexts: WebGL2RenderingContext[] = [];
      (window as unknown as { __glContexts: WebGL2RenderingContext[] }).__glContexts = contexts;
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        const context = (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
        if (type === 'webgl2' && context && !contexts.includes(context as WebGL2RenderingContext)) contexts.push(context as WebGL2RenderingContext);
        return context;
      } as typeof original;
    });
    // 1×1, 1×2, 2×2, MPR, MPR + 3-D, twice: 28 render windows created and destroyed.
    const sequence = ['1x1', '1x2', '2x2', 'mpr', '1x1', '1x2', '2x2', 'mpr'] as const;
    let created = 0;
    for (const layout of sequence) {
      await page.click(`[data-testid=layout-${layout}]`);
      const cells = { '1x1': 1, '1x2': 2, '2x2': 4, mpr: 3 }[layout];
      created += cells;
      await expect.poll(() => page.locator('.viewport-canvas[data-frames]').count(), { timeout: 60_000 }).toBe(cells);
      expect(await page.locator('canvas').count()).toBe(cells + 1); // + the series thumbnail
    }
    page.off('console', onConsole);
    expect(created).toBeGreaterThan(16);
    const contexts = await page.evaluate(() => {
      const all = (window as unknown as { __glContexts: WebGL2RenderingContext[] }).__glContexts;
      return { created: all.length, alive: all.filter((c) => !c.isContextLost()).length };
    });
    // Every viewport draws with one shared context (shared-render-context.ts), kept across layout
    // changes: at most one was created for all these viewports, and at most that one is alive.
    expect(contexts.created).toBeLessThanOrEqual(1);
    expect(contexts.alive).toBeLessThanOrEqual(1);
    expect(warnings).toEqual([]);
  });

  it('hangs a gantry-tilted head CT as one axial stack in the brain window', async () => {
    await importAndWait(app, sharedData('ct-head-gantry-tilt'));
    const head = (await listedStudies(app)).find((uid) => uid !== studyUID);
    expect(head).toBeDefined();
    await page.evaluate((uid) => (window.location.hash = `#/viewer/${uid}`), head!);
    await expect.poll(() => page.locator('[data-testid=viewer-page]').getAttribute('data-layout'), { timeout: 60_000 }).toBe('1x1');
    await expect.poll(() => framesOf(page, 'canvas-stack'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=overlay-wl]').textContent()).toBe('W: 80 L: 40');
    expect(await page.locator('[data-testid=marker-right]').textContent()).toBe('L');
    expect((await pixelStats(page, page.locator('[data-testid=canvas-stack]'))).stddev).toBeGreaterThan(20);
    await screenshot(page, 'viewer-head-ct-tilt');
  });

  it('removes every viewport canvas when the viewer is left', async () => {
    expect(await page.locator('.viewport-canvas canvas').count()).toBeGreaterThan(0);
    await page.evaluate(() => (window.location.hash = '#/worklist'));
    await expect.poll(() => page.locator('.viewport-canvas canvas').count()).toBe(0);
  });
});
