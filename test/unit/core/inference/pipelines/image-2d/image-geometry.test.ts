// Pixel → patient mapping of 2-D findings (PS3.3 C.7.6.2.1.1) on an oblique, anisotropic DX
// geometry, and the refusal to invent millimetres for an image without one.
import { describe, expect, it } from 'vitest';
import { imageGrid, pixelRectToPatient, pixelToPatient } from '../../../../../../electron/core/inference/pipelines/image-2d/image-geometry';
import type { RadiographImage } from '../../../../../../electron/core/inference/pipelines/image-2d/radiograph-image';

const c = Math.SQRT1_2;
const base: RadiographImage = {
  sopInstanceUID: '1.2.3',
  modality: 'DX',
  rows: 100,
  columns: 200,
  values: new Float32Array(0),
  photometricInterpretation: 'MONOCHROME2',
  shownInverted: false,
  windows: [],
  voiLut: null,
  geometry: { position: [10, 20, 30], rowDirection: [c, c, 0], columnDirection: [0, 0, -1], pixelSpacing: [0.5, 0.25] },
  spacingMm: [0.5, 0.25],
  spacingSource: 'PixelSpacing',
};

describe('2-D image geometry', () => {
  it('maps columns along the row direction by the column spacing and rows along the column direction by the row spacing', () => {
    // Column 8 → 8 × 0.25 mm along (c, c, 0); row 4 → 4 × 0.5 mm along (0, 0, −1).
    const p = pixelToPatient(base, 8, 4) as number[];
    expect(p[0]).toBeCloseTo(10 + 2 * c, 9);
    expect(p[1]).toBeCloseTo(20 + 2 * c, 9);
    expect(p[2]).toBeCloseTo(28, 9);
    const [lo, hi] = pixelRectToPatient(base, [0, 0], [8, 4]) as [number[], number[]];
    expect(lo[2]).toBeCloseTo(28, 9);
    expect(hi[2]).toBeCloseTo(30, 9);
    expect(hi[0]).toBeCloseTo(10 + 2 * c, 9);
    const grid = imageGrid(base);
    expect(grid.spacing).toEqual([0.25, 0.5, 1]);
    expect(grid.direction[2][0]).toBeCloseTo(-c, 9);
    expect(grid.direction[2][1]).toBeCloseTo(c, 9);
  });

  it('gives no patient coordinates, and a unit pixel grid, when the image has no geometry', () => {
    const cr = { ...base, geometry: null };
    expect(pixelToPatient(cr, 8, 4)).toBeNull();
    expect(pixelRectToPatient(cr, [0, 0], [1, 1])).toBeNull();
    expect(imageGrid(cr)).toMatchObject({ spacing: [1, 1, 1], origin: [0, 0, 0] });
  });
});
