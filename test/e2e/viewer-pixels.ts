// Pixel statistics of a rendered viewport, for the viewer e2e test. Playwright's element
// screenshot (the composited page, so WebGL canvases are included) is decoded by the page's
// own <canvas> (no PNG library needed in Node).
import type { JSHandle, Locator, Page } from 'playwright-core';

export interface PixelStats {
  width: number;
  height: number;
  mean: number;
  stddev: number;
  /** Bounding box of pixels brighter than the threshold (the drawn image on a black background). */
  box: { left: number; top: number; right: number; bottom: number } | null;
}

/** The image of a viewport alone, as a PNG: overlays (text, crosshair, measurements) are hidden for the capture. */
export function captureImage(element: Locator): Promise<Buffer> {
  return element.screenshot({ style: '.viewport-overlay { visibility: hidden !important; }', animations: 'disabled', timeout: 120_000 });
}

/** A PNG decoded to RGBA by the page's own canvas; the pixels stay in the page (dispose the handle). */
export function decodeInPage(page: Page, png: Buffer): Promise<JSHandle<ImageData>> {
  return page.evaluateHandle(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, image.width, image.height);
  }, `data:image/png;base64,${png.toString('base64')}`);
}

export async function pixelStats(page: Page, element: Locator, threshold = 12): Promise<PixelStats> {
  const decoded = await decodeInPage(page, await captureImage(element));
  try {
    return await page.evaluate(
      ([image, limit]) => {
        const { data } = image;
        let sum = 0;
        let sumSq = 0;
        let left = Infinity;
        let top = Infinity;
        let right = -Infinity;
        let bottom = -Infinity;
        const n = image.width * image.height;
        // Rows and columns count as image only when a few of their pixels are bright, so stray
        // anti-aliased pixels do not widen the box (overlays are hidden for the capture).
        const rowCount = new Array<number>(image.height).fill(0);
        const colCount = new Array<number>(image.width).fill(0);
        for (let y = 0; y < image.height; y++)
          for (let x = 0; x < image.width; x++) {
            const o = (y * image.width + x) * 4;
            const g = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
            sum += g;
            sumSq += g * g;
            if (g > limit) {
              rowCount[y]! += 1;
              colCount[x]! += 1;
            }
          }
        const minRun = 4;
        rowCount.forEach((c, y) => {
          if (c >= minRun) {
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        });
        colCount.forEach((c, x) => {
          if (c >= minRun) {
            left = Math.min(left, x);
            right = Math.max(right, x);
          }
        });
        const mean = sum / n;
        return {
          width: image.width,
          height: image.height,
          mean,
          stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
          box: Number.isFinite(left) && Number.isFinite(top) ? { left, top, right, bottom } : null,
        };
      },
      [decoded, threshold] as const,
    );
  } finally {
    await decoded.dispose();
  }
}

/** How many frames a viewport has rendered (the engine counts them in data-frames). */
export async function framesOf(page: Page, testId: string): Promise<number> {
  return Number((await page.locator(`[data-testid=${testId}]`).first().getAttribute('data-frames')) ?? 0);
}
