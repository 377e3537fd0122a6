// Rasterizing a reader's drawing onto source slices. The slices are plain geometry headers
// (Image Plane module values only: IPP, IOP, PixelSpacing, Rows, Columns) of a 3 mm axial stack,
// built here because the rule is pure geometry; the integration test runs it on the real CT.
import { describe, expect, it } from 'vitest';
import { rasterizeDrawnFinding } from '../../../../electron/core/exports/drawn-finding-mask';
import type { NaturalDataset } from '../../../../electron/core/dicom-objects/natural-dataset';

const ROWS = 40;
const COLS = 50;
/** Five axial slices, 1 × 1 mm pixels, 3 mm apart, pixel (0,0) of slice s at (0, 0, 3s). */
const SLICES: NaturalDataset[] = [0, 1, 2, 3, 4].map((s) => ({
  Rows: ROWS,
  Columns: COLS,
  PixelSpacing: [1, 1],
  ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
  ImagePositionPatient: [0, 0, 3 * s],
}));

const perSlice = (mask: Uint8Array) => [0, 1, 2, 3, 4].map((s) => mask.subarray(s * ROWS * COLS, (s + 1) * ROWS * COLS).reduce((n, v) => n + v, 0));

describe('drawn finding mask', () => {
  it('fills a box drawing: every pixel centre inside, on the slices it spans', () => {
    const drawn = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 5, 3], [19, 9, 9]], shape: 'box' });
    if ('reason' in drawn) throw new Error(drawn.reason);
    expect(perSlice(drawn.mask)).toEqual([0, 50, 50, 50, 0]);
    expect(drawn.voxels).toBe(150);
  });

  it('puts a flat ellipse on the slice it lies on, and on both slices when it lies between them', () => {
    const on = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 6], [30, 20, 6]], shape: 'ellipse' });
    const between = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 7.5], [30, 20, 7.5]], shape: 'ellipse' });
    if ('reason' in on || 'reason' in between) throw new Error('not drawn');
    // Semi-axes 10 × 5 mm centred on (20, 15): pixel centres with (dx/10)² + (dy/5)² ≤ 1.
    let expected = 0;
    for (let y = 0; y < ROWS; y++) for (let x = 0; x < COLS; x++) if (((x - 20) / 10) ** 2 + ((y - 15) / 5) ** 2 <= 1) expected++;
    expect(perSlice(on.mask)).toEqual([0, 0, expected, 0, 0]);
    expect(perSlice(between.mask)).toEqual([0, 0, expected, expected, 0]);
  });

  it('fills the box of a drawing without a shape, as the viewer shows it', () => {
    const drawn = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 0], [30, 30, 12]] });
    if ('reason' in drawn) throw new Error(drawn.reason);
    const ellipse = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 0], [30, 30, 12]], shape: 'ellipse' });
    if ('reason' in ellipse) throw new Error(ellipse.reason);
    const counts = perSlice(drawn.mask);
    expect(new Set(counts).size).toBe(1);
    expect(drawn.voxels).toBeGreaterThan(ellipse.voxels);
  });

  it('takes the ellipsoid inscribed in a 3-D ellipse drawing', () => {
    const drawn = rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 0], [30, 30, 12]], shape: 'ellipse' });
    if ('reason' in drawn) throw new Error(drawn.reason);
    // Centre slice z = 6 is the widest; z = 0 and z = 12 touch only the poles (|dz| = half-extent).
    const counts = perSlice(drawn.mask);
    expect(counts[2]).toBeGreaterThan(counts[1]!);
    expect(counts[1]).toBe(counts[3]);
    expect([counts[0], counts[4]]).toEqual([1, 1]);
  });

  it('says why a drawing cannot be placed', () => {
    expect(rasterizeDrawnFinding(SLICES, { centerLPS: [5, 5, 3], longAxisMm: 8 })).toEqual({ reason: expect.stringMatching(/no drawn extent/) });
    expect(rasterizeDrawnFinding(SLICES, { boundsLPS: [[10, 10, 40], [20, 20, 44]] })).toEqual({ reason: expect.stringMatching(/outside the images/) });
    expect(rasterizeDrawnFinding([{ Rows: 4, Columns: 4 }], { boundsLPS: [[0, 0, 0], [1, 1, 1]] })).toEqual({ reason: expect.stringMatching(/no patient geometry/) });
  });
});
