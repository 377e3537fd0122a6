// Reading-viewer interaction end to end on the chest CT of ../shared (A0002: the B70f and B40f
// reconstructions of one acquisition, one Frame of Reference), imported by the real importer,
// rendered by vtk.js in Debian's Chromium on SwiftShader. Checks: oblique MPR (dragging a
// crosshair line and the keyboard turn the planes; the resliced image and the orientation
// markers change; reset restores them), dragging a series into a viewport, linked scrolling and
// zoom between the two reconstructions, invert, cine, rebinding a shortcut in the settings, and
// the volume picker of a 4-D series (the Philips DWI).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM } from './support/browser';
import { screenshot } from './support/screenshots';
import type { RunningWebApp } from './support/web-app';
import { importAndWait, listedStudies } from './support/import-study';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import { captureImage as capture, decodeInPage, framesOf, pixelStats } from './viewer-pixels';

const STUDY_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002');
const RUN = HAS_SHARED && HAS_CHROMIUM;

type Box = { left: number; top: number; right: number; bottom: number };

/**
 * Compares two same-sized PNGs (decoded by the page) inside `box` (default: all): the mean
 * absolute grey difference, and the mean of |a + b − 255|, which is ~0 when b is a inverted.
 */
async function compareImages(page: Page, a: Buffer, b: Buffer, box?: Box): Promise<{ difference: number; inversionError: number }> {
  const images = [await decodeInPage(page, a), await decodeInPage(page, b)];
  try {
    return await page.evaluate(
      ([x, y, region]) => {
        if (x.data.length !== y.data.length) return { difference: 255, inversionError: 255 };
        const r = (region as Box | null) ?? { left: 0, top: 0, right: x.width - 1, bottom: x.height - 1 };
        let difference = 0;
        let inversionError = 0;
        let n = 0;
        for (let row = r.top; row <= r.bottom; row++)
          for (let col = r.left; col <= r.right; col++) {
            const i = (row * x.width + col) * 4;
            difference += Math.abs(x.data[i]! - y.data[i]!);
            inversionError += Math.abs(x.data[i]! + y.data[i]! - 255);
            n++;
          }
        return { difference: difference / n, inversionError: inversionError / n };
      },
      [images[0]!, images[1]!, box ?? null] as const,
    );
  } finally {
    await Promise.all(images.map((image) => image.dispose()));
  }
}

/** A line's screen angle in degrees, folded into [0, 180): a line has no arrow. */
const lineAngle = async (line: Locator) => (((Number(await line.getAttribute('data-angle')) % 180) + 180) % 180);

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.skipIf(!RUN)(`viewer interaction (oblique MPR, links, drag, invert, cine)${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession | undefined;
  let app: RunningWebApp;
  let page: Page;

  beforeAll(async () => {
    session = await openImportedStudy(STUDY_DIR, { viewport: { width: 1500, height: 820 } });
    ({ app, page } = session);
  });

  afterAll(() => session?.close());

  it('turns the MPR planes by dragging a crosshair line: the coronal reslice and its markers change, the axial image does not', async () => {
    await expect.poll(() => page.locator('[data-testid=viewer-page]').getAttribute('data-layout'), { timeout: 60_000 }).toBe('mpr');
    for (const id of ['canvas-axial', 'canvas-coronal', 'canvas-sagittal']) await expect.poll(() => framesOf(page, id), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await text(page, '[data-testid=viewport-coronal] [data-testid=marker-right]')).toBe('L');
    expect(await text(page, '[data-testid=viewport-sagittal] [data-testid=marker-left]')).toBe('A');
    const axialCanvas = page.locator('[data-testid=canvas-axial]');
    const coronalCanvas = page.locator('[data-testid=canvas-coronal]');
    const axialBefore = await capture(axialCanvas);
    const coronalBefore = await capture(coronalCanvas);

    // The coronal plane is the horizontal line through the crosshair in the axial view.
    const line = page.locator('[data-testid=viewport-axial] [data-testid=plane-line-coronal]');
    expect(await lineAngle(line)).toBeCloseTo(0, 1);
    const [x1, y1, x2, y2] = await Promise.all(['x1', 'y1', 'x2', 'y2'].map(async (a) => Number(await line.getAttribute(a))));
    const box = (await axialCanvas.boundingBox())!;
    const c = { x: box.x + (x1! + x2!) / 2, y: box.y + (y1! + y2!) / 2 };
    // Grab the line 90 px right of the centre and swing it 30° counter-clockwise.
    const radius = 90;
    await page.mouse.move(c.x + radius, c.y);
    await page.mouse.down();
    for (let deg = 3; deg <= 30; deg += 3) await page.mouse.move(c.x + radius * Math.cos((deg * Math.PI) / 180), c.y - radius * Math.sin((deg * Math.PI) / 180));
    await page.mouse.up();

    await expect.poll(() => lineAngle(line)).toBeGreaterThan(27);
    expect(await lineAngle(line)).toBeLessThan(33);
    await expect.poll(() => text(page, '[data-testid=viewport-coronal] [data-testid=overlay-orientation]')).toBe('Coronal · Oblique');
    // Turned 30° about the patient axis: the coronal view's right edge now points left and anterior.
    expect(await text(page, '[data-testid=viewport-coronal] [data-testid=marker-right]')).toBe('LA');
    expect(await text(page, '[data-testid=viewport-coronal] [data-testid=marker-top]')).toBe('S');
    expect(await text(page, '[data-testid=viewport-sagittal] [data-testid=marker-left]')).toBe('AR');
    expect(await text(page, '[data-testid=viewport-axial] [data-testid=marker-right]')).toBe('L');
    await page.mouse.move(box.x + 5, box.y + 5); // off the line, so the capture is not mid-hover
    const coronalAfter = await capture(coronalCanvas);
    const axialAfter = await capture(axialCanvas);
    const coronalChange = (await compareImages(page, coronalBefore, coronalAfter)).difference;
    const axialChange = (await compareImages(page, axialBefore, axialAfter)).difference;
    process.stdout.write(`oblique 30°: coronal image changed by ${coronalChange.toFixed(2)} grey levels, axial by ${axialChange.toFixed(2)}\n`);
    expect(coronalChange).toBeGreaterThan(3);
    expect(axialChange).toBeLessThan(0.5);
    expect((await pixelStats(page, coronalCanvas)).stddev, 'oblique coronal is blank').toBeGreaterThan(20);
    await screenshot(page, 'viewer-mpr-oblique');
  });

  it('turns the planes by keyboard in the active view and resets them with Backspace', async () => {
    // A right click (a window drag that does not move) makes the coronal view the active one.
    await page.locator('[data-testid=canvas-coronal]').click({ button: 'right', position: { x: 20, y: 20 } });
    const axialInCoronal = page.locator('[data-testid=viewport-coronal] [data-testid=plane-line-axial]');
    const before = await lineAngle(axialInCoronal);
    for (let i = 0; i < 3; i++) await page.keyboard.press(',');
    await expect.poll(async () => ((await lineAngle(axialInCoronal)) - before + 180) % 180).toBeCloseTo(15, 1);
    await expect.poll(() => text(page, '[data-testid=viewport-axial] [data-testid=overlay-orientation]')).toBe('Axial · Oblique');
    await page.keyboard.press('Backspace');
    await expect.poll(() => text(page, '[data-testid=viewport-coronal] [data-testid=overlay-orientation]')).toBe('Coronal');
    expect(await text(page, '[data-testid=viewport-coronal] [data-testid=marker-right]')).toBe('L');
    expect(await text(page, '[data-testid=viewport-sagittal] [data-testid=marker-left]')).toBe('A');
  });

  it('hangs the other reconstruction by dragging its card into the second viewport', async () => {
    await page.click('[data-testid=layout-1x2]');
    const stacks = page.locator('[data-testid=viewport-stack]');
    await expect.poll(() => stacks.count()).toBe(2);
    const first = (await stacks.nth(0).locator('.corner.top-right').textContent()) ?? '';
    const cards = page.locator('[data-testid=series-card]');
    expect(await cards.count()).toBe(2);
    const other = first.includes('B70f') ? cards.filter({ hasText: 'B40f' }) : cards.filter({ hasText: 'B70f' });
    await other.dragTo(stacks.nth(1).locator('[data-testid=canvas-stack]'));
    const expected = first.includes('B70f') ? 'B40f' : 'B70f';
    await expect.poll(() => stacks.nth(1).locator('.corner.top-right').textContent(), { timeout: 60_000 }).toContain(expected);
    await expect.poll(() => stacks.nth(1).locator('.viewport-canvas').getAttribute('data-frames'), { timeout: 60_000 }).not.toBeNull();
    expect(await stacks.nth(0).locator('.corner.top-right').textContent()).toBe(first);
    await screenshot(page, 'viewer-dragged-series');
  });

  it('links scrolling and zoom between the two reconstructions (one frame of reference) with K', async () => {
    const stacks = page.locator('[data-testid=viewport-stack]');
    const slice = (i: number) => stacks.nth(i).locator('[data-testid=overlay-slice]').textContent();
    const zoom = (i: number) => stacks.nth(i).locator('[data-testid=overlay-zoom]').textContent();
    await stacks.nth(0).locator('[data-testid=canvas-stack]').hover();
    await page.keyboard.press('Home');
    await expect.poll(() => slice(0)).toMatch(/: 1\/30$/);
    const unlinked = await slice(1);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => slice(0)).toMatch(/: 5\/30$/);
    expect(await slice(1)).toBe(unlinked); // not linked yet

    await page.keyboard.press('K');
    await expect.poll(() => page.locator('[data-testid=link-series]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => slice(1)).toMatch(/: 5\/30$/);
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => slice(0)).toMatch(/: 12\/30$/);
    await expect.poll(() => slice(1)).toMatch(/: 12\/30$/);
    const position = (i: number) => stacks.nth(i).locator('[data-testid=overlay-slice] + div').textContent();
    expect((await position(1))?.split('·')[0]).toBe((await position(0))?.split('·')[0]);

    const zoomBefore = await zoom(1);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(() => zoom(0)).not.toBe(zoomBefore);
    await expect.poll(() => zoom(1)).toBe(await zoom(0));

    await page.keyboard.press('K');
    await page.keyboard.press('End');
    await expect.poll(() => slice(0)).toMatch(/: 30\/30$/);
    expect(await slice(1)).toMatch(/: 12\/30$/);
  });

  it('inverts the grey scale with I and back', async () => {
    const canvas = page.locator('[data-testid=viewport-stack]').nth(0).locator('[data-testid=canvas-stack]');
    const zoom = page.locator('[data-testid=viewport-stack]').nth(0).locator('[data-testid=overlay-zoom]');
    await canvas.hover();
    const box = (await pixelStats(page, canvas)).box!;
    const normal = await capture(canvas);
    await page.keyboard.press('I');
    await expect.poll(() => zoom.textContent()).toContain('Inverted');
    // Inside the image every grey level g turns into 255 − g (air white, soft tissue dark).
    await expect.poll(async () => (await compareImages(page, normal, await capture(canvas), box)).difference).toBeGreaterThan(40);
    const inverted = await compareImages(page, normal, await capture(canvas), box);
    process.stdout.write(`invert: mean change ${inverted.difference.toFixed(1)}, mean |g + g' − 255| ${inverted.inversionError.toFixed(2)}\n`);
    expect(inverted.inversionError).toBeLessThan(3);
    await screenshot(page, 'viewer-inverted');
    await page.keyboard.press('I');
    await expect.poll(() => zoom.textContent()).not.toContain('Inverted');
    await expect.poll(async () => (await compareImages(page, normal, await capture(canvas), box)).difference).toBeLessThan(0.5);
  });

  it('plays cine with C through the slices and stops with C', async () => {
    const slice = page.locator('[data-testid=viewport-stack]').nth(0).locator('[data-testid=overlay-slice]');
    const seen = new Set<string>();
    await page.keyboard.press('C');
    await expect.poll(() => page.locator('[data-testid=viewer-toolbar] [data-testid=cine]').getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(async () => {
        seen.add((await slice.textContent()) ?? '');
        return seen.size;
      }, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(4);
    await page.keyboard.press('C');
    await expect.poll(() => page.locator('[data-testid=viewer-toolbar] [data-testid=cine]').getAttribute('aria-pressed')).toBe('false');
    const stopped = await slice.textContent();
    // Stopped: the same slice after several cine periods (100 ms each) have passed.
    await page.waitForTimeout(600);
    expect(await slice.textContent()).toBe(stopped);
  });

  it('picks the volumes of a 4-D series (Philips DWI: b-values and directions) in the viewport and with the arrow keys', async () => {
    await importAndWait(app, sharedData('mr-brain-dwi-philips'));
    const current = decodeURIComponent(await page.evaluate(() => window.location.hash)).split('/').pop();
    const dwi = (await listedStudies(app)).find((uid) => uid !== current);
    expect(dwi).toBeDefined();
    await page.evaluate((uid) => (window.location.hash = `#/viewer/${uid}`), dwi!);
    const picker = page.locator('[data-testid=volume-picker]').first();
    await expect.poll(() => picker.count(), { timeout: 60_000 }).toBe(1);
    const options = await picker.locator('option').allTextContents();
    process.stdout.write(`DWI volumes: ${options.join(' | ')}\n`);
    expect(options.length).toBeGreaterThan(1);
    expect(options.some((o) => /b=\d+/.test(o))).toBe(true);
    const canvas = page.locator('.viewport-canvas').first();
    await expect.poll(() => canvas.getAttribute('data-frames'), { timeout: 60_000 }).not.toBeNull();
    const slice = page.locator('[data-testid=overlay-slice]').first();
    await canvas.hover();
    const middle = await slice.textContent();
    await page.keyboard.press('ArrowUp'); // off the middle slice, to show the picker keeps the slice
    await expect.poll(() => slice.textContent()).not.toBe(middle);
    const sliceBefore = await slice.textContent();
    const first = await capture(canvas);
    expect(await picker.inputValue()).toBe('0');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => picker.inputValue()).toBe('1');
    await expect.poll(async () => (await compareImages(page, first, await capture(canvas))).difference).toBeGreaterThan(1);
    expect(await slice.textContent()).toBe(sliceBefore); // the same slice of the next volume
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => picker.inputValue()).toBe('0');
    await page.keyboard.press('ArrowLeft'); // wraps to the last volume
    await expect.poll(() => picker.inputValue()).toBe(String(options.length - 1));
    await picker.selectOption('2');
    await expect.poll(() => page.locator('[data-testid=volume-picker]').first().inputValue()).toBe('2');
    await screenshot(page, 'viewer-4d-picker');
  });

  it('rebinds invert to J in the shortcut settings (a taken key is refused), shows it in the help, and resets', async () => {
    await page.keyboard.press('?');
    await page.click('[data-testid=open-shortcut-settings]');
    const row = page.locator('[data-testid="shortcut-row-viewer.invert"]');
    await row.locator('[data-testid=shortcut-change]').click();
    await page.keyboard.press('M'); // the length tool's key
    await expect.poll(() => page.locator('[data-testid=shortcut-conflict]').textContent()).toContain('length measurement');
    expect(await row.locator('[data-testid=shortcut-keys]').textContent()).toBe('I');
    expect(await page.locator('[data-testid=tool-length]').getAttribute('aria-pressed')).toBe('false'); // M did not reach the viewer
    await row.locator('[data-testid=shortcut-change]').click();
    await page.keyboard.press('j');
    await expect.poll(() => row.locator('[data-testid=shortcut-keys]').textContent()).toBe('J');
    await screenshot(page, 'shortcut-settings');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-testid="help-row-viewer.invert"] kbd').textContent()).toBe('J');
    await page.keyboard.press('Escape');

    const zoom = page.locator('[data-testid=viewport-stack]').nth(0).locator('[data-testid=overlay-zoom]');
    await page.locator('[data-testid=viewport-stack]').nth(0).locator('[data-testid=canvas-stack]').hover();
    await page.keyboard.press('I');
    expect(await zoom.textContent()).not.toContain('Inverted');
    await page.keyboard.press('J');
    await expect.poll(() => zoom.textContent()).toContain('Inverted');
    // The toolbar names the reader's key too.
    expect(await page.locator('[data-testid=viewer-toolbar] button').filter({ hasText: /^Invert$/ }).getAttribute('title')).toBe('J');
    // Stored in the preferences: a reload keeps the binding.
    const stored = await app.core.dispatch('prefs:get', {});
    expect(stored.ok && (stored.value as { shortcuts?: unknown }).shortcuts).toEqual({ 'viewer.invert': ['J'] });

    await page.keyboard.press('?');
    await page.click('[data-testid=open-shortcut-settings]');
    await page.click('[data-testid=shortcuts-reset-all]');
    await expect.poll(() => row.locator('[data-testid=shortcut-keys]').textContent()).toBe('I');
    await page.keyboard.press('Escape');
  });
});
