// Geometry pieces of the lung CAD with known answers: Lung-RADS caliper diameters of a
// rasterised rotated ellipse, principal-axis eigenvalues, side/lobe from LPS positions, and
// the working grid's box average, flips and index mapping.
import { describe, expect, it } from 'vitest';
import { axialDiameters } from '../../../../../../electron/core/inference/pipelines/lung-cad/lesion-measurements';
import { symmetricEigenvalues3 } from '../../../../../../electron/core/inference/pipelines/lung-cad/lesion-score';
import { lungGeometry, locate } from '../../../../../../electron/core/inference/pipelines/lung-cad/lung-location';
import { buildWorkingGrid, flipAxis, sourceToWorking, workingToSource } from '../../../../../../electron/core/inference/pipelines/lung-cad/working-grid';
import type { Volume } from '../../../../../../electron/core/volumes/volume';

describe('axialDiameters', () => {
  it('measures a rotated 24 × 10 mm ellipse as long ≈ 24 and short ≈ 10 mm', () => {
    const spacing = 0.5;
    const angle = (30 * Math.PI) / 180;
    const pixels: number[] = [];
    for (let j = 0; j < 80; j++)
      for (let i = 0; i < 80; i++) {
        const x = (i - 40) * spacing;
        const y = (j - 40) * spacing;
        const u = x * Math.cos(angle) + y * Math.sin(angle);
        const v = -x * Math.sin(angle) + y * Math.cos(angle);
        if ((u / 12) ** 2 + (v / 5) ** 2 <= 1) pixels.push(i, j);
      }
    const { long, short } = axialDiameters(pixels, spacing, spacing);
    expect(long).toBeGreaterThan(24 - spacing);
    expect(long).toBeLessThan(24 + 2 * spacing);
    expect(short).toBeGreaterThan(10 - spacing);
    expect(short).toBeLessThan(10 + 2 * spacing);
  });

  it('counts a single pixel as one pixel wide', () => {
    const { long, short } = axialDiameters([3, 4], 0.7, 0.7);
    // The diagonal (45°) lies between the 2° steps: within 0.02 %.
    expect(long).toBeCloseTo(0.7 * Math.SQRT2, 3);
    expect(short).toBeGreaterThanOrEqual(0.7);
  });
});

describe('symmetricEigenvalues3', () => {
  it('returns the eigenvalues of a rotated diagonal matrix in descending order', () => {
    // R·diag(5, 2, -1)·Rᵀ with R a rotation of 40° about z.
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const xx = 5 * c * c + 2 * s * s;
    const yy = 5 * s * s + 2 * c * c;
    const xy = (5 - 2) * c * s;
    const [a, b, d] = symmetricEigenvalues3([xx, yy, -1, xy, 0, 0]);
    expect(a).toBeCloseTo(5, 9);
    expect(b).toBeCloseTo(2, 9);
    expect(d).toBeCloseTo(-1, 9);
  });
});

describe('lung location', () => {
  // Two lungs: right at x < 0, left at x > 0 (LPS: +x is the patient's left); z 0 (base) … 200 (apex); y −80 (front) … 80 (back).
  const points: Array<[number, number, number]> = [];
  for (const x of [-100, -40, 40, 100]) for (const y of [-80, 80]) for (const z of [0, 200]) points.push([x, y, z]);
  const lung = new Uint8Array(points.length).fill(1);
  const geometry = lungGeometry(lung, 0, (v) => points[v]!);

  it('takes the side from x against the mid-line', () => {
    expect(locate([-50, 0, 100], geometry).side).toBe('right');
    expect(locate([50, 0, 100], geometry).side).toBe('left');
  });

  it('places apex, posterior base and anterior middle in upper, lower and middle lobes', () => {
    expect(locate([-50, 0, 190], geometry).location).toBe('right upper lobe');
    expect(locate([-50, 70, 20], geometry).location).toBe('right lower lobe');
    expect(locate([-50, -70, 80], geometry).location).toBe('right middle lobe');
    expect(locate([50, -70, 80], geometry).location).toBe('left upper lobe');
    expect(locate([50, 70, 20], geometry)).toMatchObject({ location: 'left lower lobe', locationName: { 'zh-CN': '左肺下叶（近似）' } });
  });
});

describe('working grid', () => {
  const dims = [9, 6, 4] as const;
  const hu = new Float32Array(dims[0] * dims[1] * dims[2]).map((_, v) => v % dims[0]);
  const volume = { dimensions: dims, spacing: [0.6, 0.6, 5] } as unknown as Volume;

  it('box-averages whole source pixels to at least the minimum spacing', () => {
    const grid = buildWorkingGrid(volume, hu, 1.5);
    expect(grid.factor).toEqual([3, 3, 1]);
    expect(grid.dims).toEqual([3, 2, 4]);
    expect(grid.spacing[0]).toBeCloseTo(1.8, 9);
    // Columns 0–2 average to 1, 3–5 to 4, 6–8 to 7.
    expect(Array.from(grid.hu.subarray(0, 3))).toEqual([1, 4, 7]);
    expect(workingToSource(grid, [1, 0, 2])).toEqual([4, 1, 2]);
    expect(sourceToWorking(grid, 0, 5)).toBe(1);
    expect(sourceToWorking(grid, 0, 9)).toBe(-1);
  });

  it('shifts the blocks by the offset', () => {
    const grid = buildWorkingGrid(volume, hu, 1.5, [1, 0, 0]);
    expect(grid.dims[0]).toBe(2);
    expect(Array.from(grid.hu.subarray(0, 2))).toEqual([2, 5]);
  });

  it('flips along an axis and back', () => {
    const data = Float32Array.from({ length: 24 }, (_, v) => v);
    const flipped = flipAxis(data, [2, 3, 4], 1);
    expect(flipped[0]).toBe(4);
    expect(Array.from(flipAxis(flipped, [2, 3, 4], 1))).toEqual(Array.from(data));
  });
});
