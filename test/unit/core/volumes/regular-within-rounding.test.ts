import { describe, expect, it } from 'vitest';
import { gapsAgreeWithinRounding, halfUnitInLastPlace, significantDigits } from '../../../../electron/core/volumes/regular-within-rounding';
import type { Vec3 } from '../../../../electron/core/volumes/vector-math';

/** Writes a number as a %g-style DS with `digits` significant digits and reads it back, as a parser does. */
const asDs = (value: number, digits: number) => Number(value.toPrecision(digits));
const stack = (count: number, step: number, normal: Vec3, digits: number, start: Vec3 = [-90.0225, -108.462, -43.9748]): Vec3[] =>
  Array.from({ length: count }, (_, k) => start.map((c, r) => asDs(c + k * step * (normal[r] as number), digits)) as unknown as Vec3);

describe('regular within rounding', () => {
  it('reads the precision a DS value was written with', () => {
    expect(significantDigits(-108.462)).toBe(6);
    expect(significantDigits(0.339533)).toBe(6);
    expect(significantDigits(-111.07)).toBe(5);
    expect(significantDigits(120)).toBe(3);
    expect(halfUnitInLastPlace(-108.462, 6)).toBeCloseTo(5e-4, 12);
    expect(halfUnitInLastPlace(-43.9748, 6)).toBeCloseTo(5e-5, 12);
    expect(halfUnitInLastPlace(0.339533, 6)).toBeCloseTo(5e-7, 14);
  });

  it('accepts a regular stack whose positions were rounded to 6 significant digits (the gaps jitter by the rounding)', () => {
    const normal: Vec3 = [-0.00298377, -0.1738787, 0.98476256];
    const positions = stack(20, 2.99999, normal, 6);
    const gaps = positions.slice(1).map((p, i) => p.reduce((s, c, r) => s + (c - (positions[i] as Vec3)[r]!) * normal[r]!, 0));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(1e-5);
    expect(gapsAgreeWithinRounding(positions, normal)).toBe(true);
  });

  it('refuses a stack with one gap off by more than the rounding', () => {
    const normal: Vec3 = [0, 0, 1];
    const positions = stack(20, 3, normal, 6);
    positions[10] = [positions[10]![0], positions[10]![1], positions[10]![2] + 0.01];
    expect(gapsAgreeWithinRounding(positions, normal)).toBe(false);
  });

  it('refuses integer positions whose gaps differ (the other values show the digits were kept)', () => {
    const normal: Vec3 = [0, 0, 1];
    expect(gapsAgreeWithinRounding([[0, 0, 120], [0, 0, 125], [0, 0, 130.5]], normal)).toBe(false);
  });

  it('refuses a long stack whose first gap would drift more than 1/100 of a slice at the far end', () => {
    // 4 significant digits on ~100 mm values: ±0.05 mm per position, 1,500 slices.
    const normal: Vec3 = [0, 0, 1];
    const positions = stack(1500, 0.6251, normal, 4, [100, 100, 100]);
    expect(gapsAgreeWithinRounding(positions, normal)).toBe(false);
  });
});
