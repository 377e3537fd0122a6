import { describe, expect, it } from 'vitest';
import { selectDiffusionShells } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/diffusion-shells';
import type { Diffusion } from '../../../../../../electron/core/volumes/diffusion-tags';
import type { Volume } from '../../../../../../electron/core/volumes/volume';

const RULES = { b0MaxBValue: 50, minHighBValue: 500 };

function volume(label: string, diffusion: Diffusion | null, stored: number, overrides: Partial<Volume> = {}): Volume {
  return {
    seriesInstanceUID: '1.2.3',
    frameOfReferenceUID: '1.2.4',
    label,
    dimensions: [2, 2, 1],
    spacing: [2, 2, 2],
    origin: [0, 0, 0],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    voxelType: 'uint16',
    voxels: new Uint16Array(4).fill(stored),
    rescaleSlope: 1.5,
    rescaleIntercept: 0,
    min: stored,
    max: stored,
    resampled: false,
    diffusion,
    warnings: [],
    ...overrides,
  };
}

const b = (bValue: number, direction: [number, number, number] | null = null): Diffusion => ({ bValue, direction, directionInPatient: true });

describe('choosing S0 and the b shell of a split DWI series', () => {
  it('averages every b ≤ 50 volume (the near-zero b repeats too) into S0 with the rescale applied, and takes the directional b-high images', () => {
    const shells = selectDiffusionShells(
      [
        volume('b=0', b(0), 100),
        volume('b=0.001', b(0.001), 120),
        volume('b=1000 dir 1', b(1000, [1, 0, 0]), 40),
        volume('b=1000 dir 2', b(1000, [0, 1, 0]), 50),
        volume('b=1000 trace', b(1000), 45),
        volume('b=500', b(500, [1, 0, 0]), 70),
      ],
      RULES,
    );
    expect(shells.b0Values).toEqual([0, 0.001]);
    expect(Array.from(shells.s0)).toEqual([165, 165, 165, 165]);
    expect(shells.directional).toBe(true);
    expect(shells.directions).toBe(2);
    expect(shells.bValue).toBe(1000);
    expect(Array.from(shells.shell)).toEqual([60, 60, 60, 60, 75, 75, 75, 75]);
    expect(shells.warnings).toEqual([]);
  });

  it('uses the scanner\'s isotropic image when there are no directional ones, and says so', () => {
    const shells = selectDiffusionShells([volume('b=0', b(0), 100), volume('b=1000', b(1000), 40)], RULES);
    expect(shells.directional).toBe(false);
    expect(shells.directions).toBe(1);
    expect(shells.warnings.join(' ')).toMatch(/isotropic/);
  });

  it('warns when b=0 and b-high images have different rescale slopes (the ratio would be biased)', () => {
    const shells = selectDiffusionShells([volume('b=0', b(0), 100), volume('b=1000 dir 1', b(1000, [1, 0, 0]), 40, { rescaleSlope: 2 })], RULES);
    expect(shells.warnings.join(' ')).toMatch(/Rescale Slope/);
  });

  it('refuses a series without diffusion, without b≈0, or without a high enough b, with a sentence', () => {
    expect(() => selectDiffusionShells([volume('', null, 1)], RULES)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => selectDiffusionShells([volume('b=1000', b(1000, [1, 0, 0]), 1)], RULES)).toThrow(/b≈0 images/);
    expect(() => selectDiffusionShells([volume('b=0', b(0), 1), volume('b=300', b(300, [1, 0, 0]), 1)], RULES)).toThrow(/at least 500/);
  });

  it('refuses volumes on different grids', () => {
    expect(() => selectDiffusionShells([volume('b=0', b(0), 1), volume('b=1000 dir 1', b(1000, [1, 0, 0]), 1, { origin: [0, 0, 4] })], RULES)).toThrow(
      expect.objectContaining({ code: 'NOT_A_VOLUME' }),
    );
  });
});
