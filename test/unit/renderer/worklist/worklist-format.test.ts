// Display forms on the worklist: PN groups and components, DA/TM, age at the study.
import { describe, expect, it } from 'vitest';
import { ageAtStudy, displayDate, displayDuration, displayName, displayTime, fill } from '../../../../renderer/src/worklist/worklist-format';
import { nextPriority } from '../../../../renderer/src/worklist/use-worklist';

describe('worklist display formats', () => {
  it('shows the ideographic name first with the romanised one beside it', () => {
    expect(displayName('WANG^XIAOMING=王小明')).toEqual({ primary: '王小明', secondary: 'WANG XIAOMING' });
    expect(displayName('Wang^XiaoDong=王^小東=ワン^シャオドン')).toEqual({ primary: '王小東', secondary: 'Wang XiaoDong' });
    expect(displayName('SMITH^JOHN^^DR')).toEqual({ primary: 'SMITH JOHN DR', secondary: '' });
    expect(displayName('=李四')).toEqual({ primary: '李四', secondary: '' });
    expect(displayName('')).toEqual({ primary: '', secondary: '' });
  });

  it('formats DICOM dates and times, leaving malformed values readable', () => {
    expect(displayDate('20240105')).toBe('2024-01-05');
    expect(displayDate('2024')).toBe('2024');
    expect(displayTime('081530.123')).toBe('08:15');
    expect(displayTime('08')).toBe('08:00');
    expect(displayTime('')).toBe('');
  });

  it('computes age at the study in years, months under two years, days under a month', () => {
    expect(ageAtStudy('19800615', '20240614')).toEqual({ value: 43, unit: 'Y' });
    expect(ageAtStudy('19800615', '20240615')).toEqual({ value: 44, unit: 'Y' });
    expect(ageAtStudy('20230110', '20240105')).toEqual({ value: 11, unit: 'M' });
    expect(ageAtStudy('20240101', '20240115')).toEqual({ value: 14, unit: 'D' });
    expect(ageAtStudy('', '20240115')).toBeNull();
    expect(ageAtStudy('20250101', '20240115')).toBeNull();
  });

  it('fills placeholders and formats durations', () => {
    expect(fill('{from}–{to} of {total}', { from: 1, to: 50, total: 61 })).toBe('1–50 of 61');
    expect(fill('{missing}', {})).toBe('{missing}');
    expect(displayDuration(4)).toBe('4 s');
    expect(displayDuration(250)).toBe('4 min 10 s');
    expect(displayDuration(3900)).toBe('1 h 05 min');
  });

  it('cycles priority routine → urgent → STAT → routine', () => {
    expect(nextPriority('routine')).toBe('urgent');
    expect(nextPriority('urgent')).toBe('stat');
    expect(nextPriority('stat')).toBe('routine');
  });
});
