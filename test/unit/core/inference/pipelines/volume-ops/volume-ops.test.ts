import { describe, expect, it } from 'vitest';
import { erodeMask } from '../../../../../../electron/core/inference/pipelines/volume-ops/binary-erosion';
import { connectedComponents, largestComponent } from '../../../../../../electron/core/inference/pipelines/volume-ops/connected-components';
import { medianFilter3 } from '../../../../../../electron/core/inference/pipelines/volume-ops/median-filter';
import { voxelVolumeMl, voxelVolumeMm3 } from '../../../../../../electron/core/inference/pipelines/volume-ops/voxel-volume';

const dims: [number, number, number] = [6, 5, 4];
const at = (i: number, j: number, k: number) => (k * dims[1] + j) * dims[0] + i;

function maskOf(points: Array<[number, number, number]>): Uint8Array {
  const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (const [i, j, k] of points) mask[at(i, j, k)] = 1;
  return mask;
}

describe('connected components', () => {
  // Two voxels touching only at a corner, one touching only along an edge, one isolated.
  const mask = maskOf([
    [0, 0, 0],
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 1],
    [5, 4, 3],
  ]);

  it('joins corner neighbours with 26-connectivity, edge neighbours with 18, only faces with 6', () => {
    expect(connectedComponents(mask, dims, 26).sizes).toEqual([4, 1]);
    expect(connectedComponents(mask, dims, 18).sizes.sort()).toEqual([1, 1, 3]);
    expect(connectedComponents(mask, dims, 6).sizes.sort()).toEqual([1, 1, 1, 2]);
  });

  it('labels every voxel of a component with the same number and leaves background 0', () => {
    const { labels } = connectedComponents(mask, dims, 26);
    expect(labels[at(0, 0, 0)]).toBe(labels[at(3, 2, 1)]);
    expect(labels[at(5, 4, 3)]).not.toBe(labels[at(0, 0, 0)]);
    expect(labels[at(4, 0, 0)]).toBe(0);
  });

  it('keeps only the largest component', () => {
    const largest = largestComponent(mask, dims, 6);
    expect(largest.reduce((a, b) => a + b, 0)).toBe(2);
    expect(largest[at(2, 2, 1)]).toBe(1);
    expect(largest[at(3, 2, 1)]).toBe(1);
    expect(largestComponent(new Uint8Array(mask.length), dims).every((v) => v === 0)).toBe(true);
  });
});

describe('erosion by a ball in millimetres', () => {
  it('eats into real edges by the radius along each axis, scaled by spacing, but not into the grid border', () => {
    const full = new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1);
    full[at(0, 2, 2)] = 0;
    // 2 mm along i (spacing 1) reaches two voxels; along j and k (spacing 2) one voxel.
    const eroded = erodeMask(full, dims, [1, 2, 2], 2);
    expect(eroded[at(1, 2, 2)]).toBe(0);
    expect(eroded[at(2, 2, 2)]).toBe(0);
    expect(eroded[at(3, 2, 2)]).toBe(1);
    expect(eroded[at(0, 3, 2)]).toBe(0);
    expect(eroded[at(0, 4, 2)]).toBe(1);
    expect(eroded[at(5, 0, 0)]).toBe(1);
  });
});

describe('3×3×3 median filter', () => {
  it('removes an isolated outlier and keeps a step edge where it is', () => {
    const values = new Float32Array(dims[0] * dims[1] * dims[2]).fill(700);
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 3; i < dims[0]; i++) values[at(i, j, k)] = 400;
    values[at(1, 2, 2)] = 100;
    const filtered = medianFilter3(values, dims);
    expect(filtered[at(1, 2, 2)]).toBe(700);
    expect(filtered[at(2, 2, 2)]).toBe(700);
    expect(filtered[at(3, 2, 2)]).toBe(400);
  });

  it('leaves voxels outside `where` unchanged', () => {
    const values = Float32Array.from({ length: dims[0] * dims[1] * dims[2] }, (_, n) => n);
    const where = new Uint8Array(values.length);
    const filtered = medianFilter3(values, dims, where);
    expect(Array.from(filtered)).toEqual(Array.from(values));
  });
});

describe('voxel volume', () => {
  it('is the determinant of the voxel axes, so a sheared grid is not over-counted', () => {
    expect(voxelVolumeMm3({ spacing: [2, 2, 2], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] })).toBeCloseTo(8, 9);
    const tilt = (18.5 * Math.PI) / 180;
    const sheared = { spacing: [0.5, 0.5, 4] as const, direction: [[1, 0, 0], [0, 1, 0], [0, Math.sin(tilt), Math.cos(tilt)]] as [[number, number, number], [number, number, number], [number, number, number]] };
    expect(voxelVolumeMm3(sheared)).toBeCloseTo(0.5 * 0.5 * 4 * Math.cos(tilt), 9);
    expect(voxelVolumeMl({ spacing: [10, 10, 10], direction: [[0, 1, 0], [1, 0, 0], [0, 0, 1]] })).toBeCloseTo(1, 9);
  });
});
