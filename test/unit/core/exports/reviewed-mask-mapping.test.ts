// The rule that carries an AI component onto the physician's box: exact voxel shifts for moves
// (also on a grid whose i axis runs against patient +x), ×2 resizes that double the extent
// without holes, no mapping for unchanged geometry, one-voxel-thick components only translated,
// clipping at the grid edge without wrapping into the next row, and Dice from the overlap.
import { describe, expect, it } from 'vitest';
import { componentBox, geometryChanged, mapComponent, reviewedAffine, type VoxelGrid } from '../../../../electron/core/exports/reviewed-mask-mapping';

type V3 = [number, number, number];
const DIMS: V3 = [20, 16, 12];
const identity: VoxelGrid = { origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], spacing: [0.5, 0.5, 2], dimensions: DIMS };

/** A label map with one box (inclusive voxel ranges) of value 3. */
function labelBox(lo: V3, hi: V3): Uint8Array {
  const voxels = new Uint8Array(DIMS[0] * DIMS[1] * DIMS[2]);
  for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) voxels[i + DIMS[0] * (j + DIMS[1] * k)] = 3;
  return voxels;
}
const keysOf = (mask: Uint8Array) => {
  const keys: string[] = [];
  mask.forEach((v, at) => v && keys.push([at % DIMS[0], Math.floor(at / DIMS[0]) % DIMS[1], Math.floor(at / (DIMS[0] * DIMS[1]))].join(',')));
  return keys.sort();
};
const boxKeys = (lo: V3, hi: V3) => keysOf(labelBox(lo, hi));
const lps = (grid: VoxelGrid, ijk: readonly number[]) => [0, 1, 2].map((a) => grid.origin[a]! + ijk.reduce((t, x, d) => t + x * grid.spacing[d]! * grid.direction[d]![a]!, 0));

describe('reviewed mask mapping', () => {
  const lo: V3 = [6, 5, 4];
  const hi: V3 = [9, 7, 5];
  const voxels = labelBox(lo, hi);
  const component = componentBox(voxels, DIMS, 3)!;
  const centre = lps(identity, [7.5, 6, 4.5]) as V3;
  const bounds = [lps(identity, lo), lps(identity, hi)] as [V3, V3];

  it('finds the component box and treats unchanged geometry as no mapping', () => {
    expect(component).toEqual({ lo, hi, count: 4 * 3 * 2 });
    expect(componentBox(voxels, DIMS, 9)).toBeNull();
    const same = { ai: { centerLPS: centre, boundsLPS: bounds }, current: { centerLPS: [...centre] as V3, boundsLPS: bounds } };
    expect(geometryChanged(same)).toBe(false);
    expect(reviewedAffine(identity, same, component)).toBeNull();
  });

  it('moves the component by exactly the centre offset and gives the Dice of the overlap', () => {
    const moved = lps(identity, [7.5 + 2, 6 - 1, 4.5 + 1]) as V3;
    const affine = reviewedAffine(identity, { ai: { centerLPS: centre, boundsLPS: bounds }, current: { centerLPS: moved, boundsLPS: bounds } }, component)!;
    const mapped = mapComponent(voxels, DIMS, 3, affine, component);
    expect(keysOf(mapped.mask)).toEqual(boxKeys([8, 4, 5], [11, 6, 6]));
    // Overlap (4−2)·(3−1)·(2−1) = 4 of 24 + 24 voxels.
    expect(mapped.dice).toBeCloseTo((2 * 4) / 48, 12);
  });

  it('moves along a grid axis that runs against patient +x', () => {
    const flipped: VoxelGrid = { ...identity, origin: [10, 0, 0], direction: [[-1, 0, 0], [0, 1, 0], [0, 0, 1]] };
    const c = lps(flipped, [7.5, 6, 4.5]) as V3;
    const affine = reviewedAffine(flipped, { ai: { centerLPS: c }, current: { centerLPS: [c[0] + 3 * 0.5, c[1], c[2]] } }, component)!;
    expect(keysOf(mapComponent(voxels, DIMS, 3, affine, component).mask)).toEqual(boxKeys([3, 5, 4], [6, 7, 5]));
  });

  it('resizes ×2 along i about the box centre: twice the voxels, no holes, others unchanged', () => {
    // AI bounds as voxel edges (the stroke pipeline's convention): i from 5.5 to 9.5; the reader's from 3.5 to 11.5.
    const edges = [lps(identity, [5.5, 4.5, 3.5]), lps(identity, [9.5, 7.5, 5.5])] as [V3, V3];
    const wider = [lps(identity, [3.5, 4.5, 3.5]), lps(identity, [11.5, 7.5, 5.5])] as [V3, V3];
    const affine = reviewedAffine(identity, { ai: { centerLPS: centre, boundsLPS: edges }, current: { centerLPS: centre, boundsLPS: wider } }, component)!;
    const mapped = mapComponent(voxels, DIMS, 3, affine, component);
    expect(keysOf(mapped.mask)).toEqual(boxKeys([4, 5, 4], [11, 7, 5]));
    expect(mapped.voxels).toBe(2 * component.count);
    expect(mapped.dice).toBeCloseTo((2 * 24) / 72, 12);
  });

  it('only translates an axis on which the AI box has no extent', () => {
    const thin = labelBox([6, 5, 4], [9, 7, 4]);
    const box = componentBox(thin, DIMS, 3)!;
    const flatAi = [lps(identity, [6, 5, 4]), lps(identity, [9, 7, 4])] as [V3, V3];
    const flatReader = [lps(identity, [6, 5, 7]), lps(identity, [9, 7, 7])] as [V3, V3];
    const affine = reviewedAffine(identity, { ai: { boundsLPS: flatAi }, current: { boundsLPS: flatReader } }, box)!;
    expect(affine.scale[2]).toBe(1);
    expect(keysOf(mapComponent(thin, DIMS, 3, affine, box).mask)).toEqual(boxKeys([6, 5, 7], [9, 7, 7]));
  });

  it('clips at the grid edge without wrapping into the next row or slice', () => {
    const moved = lps(identity, [7.5 + 12, 6, 4.5]) as V3;
    const affine = reviewedAffine(identity, { ai: { centerLPS: centre }, current: { centerLPS: moved } }, component)!;
    const mapped = mapComponent(voxels, DIMS, 3, affine, component);
    expect(keysOf(mapped.mask)).toEqual(boxKeys([18, 5, 4], [19, 7, 5]));
    expect(mapped.dice).toBe(0);
  });
});
