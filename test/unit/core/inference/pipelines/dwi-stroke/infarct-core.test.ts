import { describe, expect, it } from 'vitest';
import { segmentInfarctCore } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/infarct-core';

// A 40×20×10 "brain" of 2 mm voxels (i along +x, LPS); mid-sagittal plane at i = 19.5.
const dims = [40, 20, 10] as const;
const grid = { dimensions: dims, spacing: [2, 2, 2] as const, origin: [0, 0, 0] as [number, number, number], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as [[number, number, number], [number, number, number], [number, number, number]] };
const midlineX = 19.5 * 2;
const at = (i: number, j: number, k: number) => (k * dims[1] + j) * dims[0] + i;
const RULES = { adcCore: 620, relativeAdcCore: 0.8, contralateralRatio: 0.85, minComponentMl: 0.05, maskErosionMm: 2 };

function brainWith(normal: number, blocks: Array<{ from: [number, number, number]; to: [number, number, number]; adc: number }>) {
  const adc = new Float32Array(dims[0] * dims[1] * dims[2]).fill(normal);
  for (const b of blocks) for (let k = b.from[2]; k <= b.to[2]; k++) for (let j = b.from[1]; j <= b.to[1]; j++) for (let i = b.from[0]; i <= b.to[0]; i++) adc[at(i, j, k)] = b.adc;
  return { adc, mask: new Uint8Array(adc.length).fill(1) };
}

describe('infarct core from the ADC map', () => {
  it('keeps a one-sided low-ADC region and ignores isolated low voxels', () => {
    const { adc, mask } = brainWith(780, [{ from: [5, 5, 3], to: [9, 9, 6], adc: 450 }]);
    adc[at(30, 10, 5)] = 300;
    const core = segmentInfarctCore(adc, mask, grid, midlineX, RULES);
    expect(core.threshold).toBe(620);
    expect(core.components).toHaveLength(1);
    // The 3×3×3 median keeps the box's inside and faces but trims its edges and corners (an edge
    // voxel has only 12 of its 27 neighbours inside): 18 inner + 42 face voxels of the 5×5×4 box.
    expect(core.components[0]!.volumeMl).toBeCloseTo(60 * 0.008, 9);
    expect(core.mask[at(30, 10, 5)]).toBe(0);
  });

  it('lowers the threshold to relativeAdcCore × the brain\'s median ADC when normal tissue runs low', () => {
    const { adc, mask } = brainWith(650, [{ from: [5, 5, 3], to: [9, 9, 6], adc: 560 }]);
    const core = segmentInfarctCore(adc, mask, grid, midlineX, RULES);
    expect(core.threshold).toBeCloseTo(520, 6);
    expect(core.components).toHaveLength(0);
  });

  it('does not count a region whose mirror image has the same ADC (symmetric anatomy), and reports it', () => {
    const { adc, mask } = brainWith(780, [
      { from: [5, 5, 3], to: [9, 9, 6], adc: 500 },
      { from: [30, 5, 3], to: [34, 9, 6], adc: 510 },
    ]);
    const core = segmentInfarctCore(adc, mask, grid, midlineX, RULES);
    expect(core.components).toHaveLength(0);
    expect(core.symmetric.count).toBe(2);
    expect(core.mask.every((v) => v === 0)).toBe(true);
  });

  it('never calls unmeasured voxels (ADC 0) or the eroded brain edge core', () => {
    const { adc, mask } = brainWith(780, [{ from: [10, 5, 3], to: [14, 9, 6], adc: 0 }]);
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) mask[at(0, j, k)] = 0;
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) adc[at(1, j, k)] = 400;
    const core = segmentInfarctCore(adc, mask, grid, midlineX, RULES);
    expect(core.components).toHaveLength(0);
  });
});
