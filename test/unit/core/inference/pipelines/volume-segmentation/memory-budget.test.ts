// The memory plan of a segmentation run: a whole-cube run of the 104-region atlas is refused with
// INSUFFICIENT_MEMORY on a workstation it would exhaust, while the models that fit (measured peaks:
// mindgrab 3.8 GiB, subcortical-18 6.7 GiB at 256³) still run, and a sliding window shrinks the plan.
import { describe, expect, it } from 'vitest';
import { assertFitsInMemory, segmentationMemoryBytes } from '../../../../../../electron/core/inference/pipelines/volume-segmentation/memory-budget';
import { AppError } from '../../../../../../electron/shared/result';

const CUBE = [256, 256, 256] as const;
const GiB = 2 ** 30;

describe('segmentation memory budget', () => {
  it('plans at least the measured peaks of the models that ran at 256³', () => {
    expect(segmentationMemoryBytes(CUBE, 2, null)).toBeGreaterThanOrEqual(3.8 * GiB);
    expect(segmentationMemoryBytes(CUBE, 18, null)).toBeGreaterThanOrEqual(6.7 * GiB * 0.95);
  });

  it('refuses the whole-cube 104-region atlas on a 16 GiB workstation with a sentence naming the model', () => {
    const planned = segmentationMemoryBytes(CUBE, 104, null);
    let caught: unknown;
    try {
      assertFitsInMemory('atlas-dk-104', planned, 16 * GiB);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('INSUFFICIENT_MEMORY');
    expect((caught as AppError).message).toMatch(/atlas-dk-104 needs about \d+\.\d GB/);
  });

  it('lets the brain mask and subcortical models run on the same workstation', () => {
    expect(() => assertFitsInMemory('brain-mask-mindgrab', segmentationMemoryBytes(CUBE, 2, null), 16 * GiB)).not.toThrow();
    expect(() => assertFitsInMemory('subcortical-18', segmentationMemoryBytes(CUBE, 18, null), 16 * GiB)).not.toThrow();
  });

  it('plans less for a sliding window than for the whole cube', () => {
    const whole = segmentationMemoryBytes(CUBE, 104, null);
    const windowed = segmentationMemoryBytes(CUBE, 104, [128, 128, 128]);
    expect(windowed).toBeLessThan(whole * 0.6);
    expect(() => assertFitsInMemory('atlas-dk-104', windowed, 16 * GiB)).not.toThrow();
  });
});
