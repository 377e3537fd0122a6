import { describe, expect, it } from 'vitest';
import { equalSpacing, equalize } from '../../../../electron/core/volumes/volume-resample';

describe('equalSpacing', () => {
  it('keeps the acquired spacing and both end slices when one slice is missing', () => {
    const distances = [0, 8, 16, 32, 40];
    expect(equalSpacing(distances)).toEqual({ slices: 6, spacing: 8 });
  });

  it('caps the slice count at twice the acquired slices when one gap is tiny (an overlap)', () => {
    const distances = [0, 4, 8, 9.1, 16.1, 23.1];
    const { slices, spacing } = equalSpacing(distances);
    expect(slices).toBe(12);
    expect(spacing).toBeCloseTo(23.1 / 11, 12);
  });
});

describe('equalize', () => {
  it('interpolates linearly between the acquired planes and rounds integer voxels', () => {
    const input = new Int16Array([0, 10, 100, 110]); // two slices of two voxels
    const out = equalize(input, 'int16', 2, [0, 4], 3, 2);
    expect(Array.from(out)).toEqual([0, 10, 50, 60, 100, 110]);
  });
});
