// The memory plan of a segmentation run: a whole-cube run of the 104-region atlas is refused with
// INSUFFICIENT_MEMORY on a workstation it would exhaust, while the models that fit (measured peaks:
// mindgrab 3.8 GiB, subcortical-18 6.7 GiB at 256³) still run, and a sliding window shrinks the plan.
import { describe, expect, it } from 'vitest';
import { MEMORY_SHARE, assertFitsInMemory, segmentationMemoryBytes, splitSegmentationPlan } from '../../../../../../electron/core/inference/pipelines/volume-segmentation/memory-budget';
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

  it('plans at least the measured peaks of the split atlas at 256³ (one pass 6.0 GiB, with the flip pass 10.3 GiB)', () => {
    expect(splitSegmentationPlan(CUBE, 21, 104, 23 * GiB, 1).bytes).toBeGreaterThanOrEqual(6.0 * GiB);
    expect(splitSegmentationPlan(CUBE, 21, 104, 23 * GiB, 2).bytes).toBeGreaterThanOrEqual(10.3 * GiB);
  });

  it('fits the 104-region atlas split at its classifier (21 feature channels) under three quarters of 16 and 23 GiB', () => {
    for (const total of [16 * GiB, 23 * GiB]) {
      const plan = splitSegmentationPlan(CUBE, 21, 104, total, 2);
      expect(plan.bytes).toBeLessThan(segmentationMemoryBytes(CUBE, 104, null) * 0.7);
      expect(plan.bytes).toBeLessThan(total * MEMORY_SHARE);
      // One pass: well under (two thirds of the budget on 16 GiB).
      expect(splitSegmentationPlan(CUBE, 21, 104, total, 1).bytes).toBeLessThan((total * MEMORY_SHARE * 2) / 3);
      expect(() => assertFitsInMemory('atlas-dk-104', plan.bytes, total)).not.toThrow();
      // Slabs of several slices, whose logits stay a small fraction of the plan.
      expect(plan.slabDepth).toBeGreaterThan(1);
      expect(plan.slabDepth).toBeLessThan(256);
      expect(plan.slabDepth * 256 * 256 * 104 * 4).toBeLessThan(plan.bytes / 10);
    }
  });

  it('still refuses the split atlas on a machine it does not fit, and thins the slabs as memory shrinks', () => {
    const roomy = splitSegmentationPlan(CUBE, 21, 104, 64 * GiB);
    const small = splitSegmentationPlan(CUBE, 21, 104, 6 * GiB, 1);
    expect(() => assertFitsInMemory('atlas-dk-104', small.bytes, 6 * GiB)).toThrow(/atlas-dk-104 needs about/);
    // 2 GiB: three quarters leave little beside the held feature map, so one slab is thinner still.
    const tiny = splitSegmentationPlan(CUBE, 21, 104, 2 * GiB);
    expect(tiny.slabDepth).toBeLessThan(roomy.slabDepth);
    expect(() => assertFitsInMemory('atlas-dk-104', tiny.bytes, 2 * GiB)).toThrow();
  });

  it('plans less for a sliding window than for the whole cube', () => {
    const whole = segmentationMemoryBytes(CUBE, 104, null);
    const windowed = segmentationMemoryBytes(CUBE, 104, [128, 128, 128]);
    expect(windowed).toBeLessThan(whole * 0.6);
    expect(() => assertFitsInMemory('atlas-dk-104', windowed, 16 * GiB)).not.toThrow();
  });
});
