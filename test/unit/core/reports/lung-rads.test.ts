// Lung-RADS v2022 category table, case by case: every size cut-off of every nodule type at
// baseline, new and growing, with values on both sides (x − 0.1 mm and x) of each boundary.
import { describe, expect, it } from 'vitest';
import { highestCategory, lungRadsCategory, meanDiameterMm, type NoduleTiming } from '../../../../electron/core/reports/lung-rads/lung-rads';
import type { NoduleConsistency } from '../../../../electron/shared/ai-results';

const cat = (consistency: NoduleConsistency, mean: number, timing: NoduleTiming = 'baseline', solidComponentMm?: number) =>
  lungRadsCategory({ consistency, longAxisMm: mean, shortAxisMm: mean, timing, solidComponentMm });

describe('mean diameter (v2022: one decimal)', () => {
  it.each([
    [7.0, 5.0, 6.0],
    [8.0, 7.9, 8.0], // 7.95 rounds up: the 8 mm cut-off is reached
    [8.0, 7.8, 7.9],
    [6.1, undefined, 6.1],
    [5.95, 5.95, 6.0],
  ])('(%f + %s) / 2 → %f mm', (long, short, mean) => expect(meanDiameterMm(long, short)).toBe(mean));
});

describe('solid nodules', () => {
  it.each<[number, NoduleTiming, string]>([
    [5.9, 'baseline', '2'],
    [6.0, 'baseline', '3'],
    [7.9, 'baseline', '3'],
    [8.0, 'baseline', '4A'],
    [14.9, 'baseline', '4A'],
    [15.0, 'baseline', '4B'],
    [3.9, 'new', '2'],
    [4.0, 'new', '3'],
    [5.9, 'new', '3'],
    [6.0, 'new', '4A'],
    [7.9, 'new', '4A'],
    [8.0, 'new', '4B'],
    [7.9, 'growing', '4A'],
    [8.0, 'growing', '4B'],
  ])('%f mm %s → %s', (mean, timing, expected) => expect(cat('solid', mean, timing)).toBe(expected));

  it('uses the mean of long and short axis, not the long axis', () => {
    expect(lungRadsCategory({ consistency: 'solid', longAxisMm: 9, shortAxisMm: 6.8 })).toBe('3'); // mean 7.9
    expect(lungRadsCategory({ consistency: 'solid', longAxisMm: 9, shortAxisMm: 7 })).toBe('4A'); // mean 8.0
  });
});

describe('part-solid nodules', () => {
  it.each<[number, number, NoduleTiming, string]>([
    [5.9, 3, 'baseline', '2'],
    [6.0, 3, 'baseline', '3'],
    [10, 5.9, 'baseline', '3'],
    [10, 6.0, 'baseline', '4A'],
    [10, 7.9, 'baseline', '4A'],
    [10, 8.0, 'baseline', '4B'],
    [5.9, 2, 'new', '3'],
    [6.0, 3.9, 'new', '4A'],
    [6.0, 4.0, 'new', '4B'],
    [12, 3.9, 'growing', '4A'],
    [12, 4.0, 'growing', '4B'],
  ])('total %f mm, solid component %f mm, %s → %s', (total, solidPart, timing, expected) =>
    expect(cat('part-solid', total, timing, solidPart)).toBe(expected),
  );
});

describe('ground-glass (non-solid) nodules', () => {
  it.each<[number, NoduleTiming, string]>([
    [29.9, 'baseline', '2'],
    [30.0, 'baseline', '3'],
    [29.9, 'new', '2'],
    [30.0, 'new', '3'],
    [30.0, 'stable', '2'],
    [45, 'growing', '2'],
  ])('%f mm %s → %s', (mean, timing, expected) => expect(cat('ground-glass', mean, timing)).toBe(expected));
});

describe('stable nodules (stepped management)', () => {
  it('4A stable at 3 months → 3, 3 stable at 6 months → 2, unknown prior → 2', () => {
    expect(lungRadsCategory({ consistency: 'solid', longAxisMm: 10, timing: 'stable', priorCategory: '4A' })).toBe('3');
    expect(lungRadsCategory({ consistency: 'solid', longAxisMm: 7, timing: 'stable', priorCategory: '3' })).toBe('2');
    expect(lungRadsCategory({ consistency: 'solid', longAxisMm: 7, timing: 'stable' })).toBe('2');
  });
});

describe('highest category', () => {
  it('orders 4X above 4B above 4A above 3 and gives 1 for no nodule', () => {
    expect(highestCategory(['2', '4A', '3'])).toBe('4A');
    expect(highestCategory(['4B', '4X'])).toBe('4X');
    expect(highestCategory([])).toBe('1');
  });
});
