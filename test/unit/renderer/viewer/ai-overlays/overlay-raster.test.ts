// Label-map reslicing: each screen pixel takes the label of the voxel nearest to its centre, via
// the same screen → patient mapping as the base image, in any orientation; colours come from the
// label table, and range maps are transparent at and below the low end of their display range.
import { describe, expect, it } from 'vitest';
import { labelColorize, packRgba, rangeColorize } from '../../../../../renderer/src/viewer/ai-overlays/overlay-layer';
import { rasterizeOverlay, screenToIndexMapping, voxelAtPixel } from '../../../../../renderer/src/viewer/ai-overlays/overlay-raster';
import {
  baseFrame,
  type ScreenMapping,
  screenToWorld,
  transformFrame,
  type VolumeGeometry,
  worldToIndex,
} from '../../../../../renderer/src/viewer/engine/slice-geometry';
import { cross, normalize } from '../../../../../renderer/src/viewer/engine/vec3';
import type { AnalysisOutput } from '../../../../../electron/shared/ai-results';
import { seededRandom } from '../../../../support/seeded-random';

const grid: VolumeGeometry = {
  dimensions: [4, 5, 3],
  spacing: [2, 3, 5],
  origin: [0, 0, 0],
  axes: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};
const at = (i: number, j: number, k: number) => i + 4 * (j + 5 * k);

const output: AnalysisOutput = {
  kind: 'labelmap',
  name: 'nodules',
  path: 'outputs/analyses/1/nodules.nii.gz',
  labels: {
    '1': { key: 'nodule', name: { en: 'Nodule', 'zh-CN': '结节' }, color: [255, 0, 0] },
    '2': { key: 'mass', name: { en: 'Mass', 'zh-CN': '肿块' }, color: [0, 0, 255] },
  },
};

describe('overlay rasterisation', () => {
  it('paints a label voxel as its footprint on an aligned axial view (2 × 3 mm at 0.5 mm per pixel = 4 × 6 pixels)', () => {
    const voxels = new Uint8Array(4 * 5 * 3);
    voxels[at(1, 2, 0)] = 1;
    voxels[at(1, 2, 1)] = 2;
    const mapping: ScreenMapping = { frame: baseFrame('axial', grid), center: [0, 0, 0], mmPerPixel: 0.5, width: 40, height: 40 };
    const out = new Uint32Array(40 * 40);
    const m = screenToIndexMapping(mapping, grid);
    expect(rasterizeOverlay(out, 40, 40, m, grid, voxels, labelColorize(output))).toBe(24);
    const red = packRgba(255, 0, 0, 255);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 40; x++) expect(out[y * 40 + x]).toBe(x >= 22 && x <= 25 && y >= 29 && y <= 34 ? red : 0);
    // The plane at z = 5 mm shows the other slice's label, in its colour.
    const next = rasterizeOverlay(out, 40, 40, screenToIndexMapping({ ...mapping, center: [0, 0, 5] }, grid), grid, voxels, labelColorize(output));
    expect(next).toBe(24);
    expect(out[29 * 40 + 22]).toBe(packRgba(0, 0, 255, 255));
  });

  it('agrees with nearest-voxel lookup through patient space in axial, coronal, sagittal, rotated and oblique views', () => {
    const random = seededRandom(5);
    const voxels = Uint8Array.from({ length: 60 }, () => (random() < 0.4 ? 1 + Math.floor(random() * 2) : 0));
    const colorize = labelColorize(output);
    const frames = [
      baseFrame('axial', grid),
      baseFrame('coronal', grid),
      baseFrame('sagittal', grid),
      transformFrame(baseFrame('coronal', grid), { rotation: 1, flipHorizontal: true, flipVertical: false }),
      { normal: normalize([-0.8, 0.3, 0.5]), up: normalize(cross(normalize([-0.8, 0.3, 0.5]), [0, 1, 0])) },
    ];
    for (const frame of frames) {
      const mapping: ScreenMapping = { frame, center: [3.1, 6.7, 5.2], mmPerPixel: 0.37, width: 48, height: 36 };
      const out = new Uint32Array(48 * 36);
      const m = screenToIndexMapping(mapping, grid);
      rasterizeOverlay(out, 48, 36, m, grid, voxels, colorize);
      for (let y = 0; y < 36; y++)
        for (let x = 0; x < 48; x++) {
          const idx = worldToIndex(grid, screenToWorld(mapping, x + 0.5, y + 0.5)).map((v) => Math.round(v)) as [number, number, number];
          const inside = idx.every((v, a) => v >= 0 && v < grid.dimensions[a as 0 | 1 | 2]);
          expect(voxelAtPixel(m, grid, x, y)).toEqual(inside ? idx : null);
          const expected = inside ? colorize(voxels[at(...idx)]!) : 0;
          expect(out[y * 48 + x]).toBe(expected);
        }
    }
  });

  it('leaves label 0 and labels missing from the table transparent, and applies the alpha', () => {
    const colorize = labelColorize(output, 128);
    expect(colorize(0)).toBe(0);
    expect(colorize(7)).toBe(0);
    expect(colorize(2)).toBe(packRgba(0, 0, 255, 128));
  });

  it('colours range maps above the low end, clamps at the high end', () => {
    const adc: AnalysisOutput = { kind: 'parametric', name: 'adc', path: 'x', unit: '10⁻⁶ mm²/s', displayRange: [0, 2000], colorMap: 'grayscale' };
    const colorize = rangeColorize(adc);
    expect(colorize(0)).toBe(0);
    expect(colorize(-5)).toBe(0);
    expect(colorize(Number.NaN)).toBe(0);
    expect(colorize(1000)).toBe(packRgba(128, 128, 128, 255));
    expect(colorize(5000)).toBe(packRgba(255, 255, 255, 255));
  });
});
