import { describe, expect, it } from 'vitest';
import { brainFrame, locationOf, regionOf, sideOf } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/brain-location';

describe('side and approximate location from the brain mask', () => {
  // A 10×10×60 mm "brain" box on a 1 mm grid whose i axis points to the patient's RIGHT (−x, LPS).
  const grid = { dimensions: [10, 10, 60] as const, spacing: [1, 1, 2] as const, origin: [5, 0, 0] as [number, number, number], direction: [[-1, 0, 0], [0, 1, 0], [0, 0, 1]] as [[number, number, number], [number, number, number], [number, number, number]] };
  const mask = new Uint8Array(10 * 10 * 60).fill(1);
  const frame = brainFrame(mask, grid)!;

  it('finds the mid-plane and extent of the mask in patient coordinates', () => {
    expect(frame.midlineX).toBeCloseTo(0.5, 9);
    expect(frame.min).toEqual([-4, 0, 0]);
    expect(frame.max).toEqual([5, 9, 118]);
    expect(frame.coverageMm).toBe(118);
    expect(brainFrame(new Uint8Array(mask.length), grid)).toBeNull();
  });

  it('calls +x (LPS) left, −x right, and a finding straddling the mid-plane midline', () => {
    expect(sideOf([3, 4, 5], 4, frame)).toBe('left');
    expect(sideOf([-3, -4], -3.5, frame)).toBe('right');
    expect(sideOf([-2, -1, 2, 3], 0.5, frame)).toBe('midline');
  });

  it('places anterior findings frontal, posterior occipital, low posterior in the posterior fossa, in both languages', () => {
    expect(regionOf([4, 1, 60], frame)).toBe('frontal');
    expect(regionOf([4, 8.5, 60], frame)).toBe('occipital');
    expect(regionOf([0.5, 7, 10], frame)).toBe('posterior-fossa');
    const where = locationOf('left', [4, 1, 60], frame);
    expect(where.location).toBe('left frontal');
    expect(where.locationName).toEqual({ en: 'Left frontal region (approximate)', 'zh-CN': '左侧额叶区（近似）' });
  });
});
