// measurements:* through the real core dispatcher and a real SQLite file: argument validation,
// round trip per series, delete, and persistence across a reopen of the data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { makeTempDir } from '../../../support/temp-dir';

describe('measurements handlers', () => {
  const temp = makeTempDir('yingdu-measurements-');
  let core: Core;
  beforeAll(() => {
    core = createCore({ dataDir: temp.dir, host: 'web' });
  });
  afterAll(async () => {
    await core.close();
    temp.remove();
  });

  const rect = {
    seriesInstanceUID: '1.2.840.1',
    kind: 'rectangle',
    points: [
      [10, 20, -30.5],
      [20, 20, -30.5],
      [10, 35, -30.5],
    ],
    values: { areaMm2: 600, mean: -998.2, sd: 4.1, min: -1010, max: -985 },
    label: '空气',
  };

  it.each([
    ['a bad UID', { ...rect, seriesInstanceUID: '../etc' }, /seriesInstanceUID/],
    ['an unknown kind', { ...rect, kind: 'circle' }, /kind/],
    ['too few points for the kind', { ...rect, kind: 'angle', points: rect.points.slice(0, 2) }, /points/],
    ['a non-finite coordinate', { ...rect, points: [[0, 0, Number.NaN], ...rect.points.slice(1)] }, /points/],
    ['an extra key', { ...rect, colour: 'red' }, /colour|Unrecognized/],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, args, message) => {
    const result = await core.dispatch('measurements:save', args);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('saves, lists per series, deletes, and keeps rows across a reopen', async () => {
    const saved = await core.dispatch('measurements:save', rect);
    expect(saved).toMatchObject({ ok: true, value: { kind: 'rectangle', points: rect.points, values: rect.values, label: '空气' } });
    const other = await core.dispatch('measurements:save', {
      seriesInstanceUID: '1.2.840.2',
      kind: 'length',
      points: [
        [0, 0, 0],
        [3, 4, 0],
      ],
      values: { mm: 5 },
    });
    expect(other).toMatchObject({ ok: true, value: { label: '' } });
    const angle = await core.dispatch('measurements:save', {
      seriesInstanceUID: rect.seriesInstanceUID,
      kind: 'angle',
      points: [
        [1, 0, 0],
        [0, 0, 0],
        [0, 1, 0],
      ],
      values: { degrees: 90 },
    });
    if (!saved.ok || !angle.ok) throw new Error('save failed');
    const savedId = (saved.value as { id: number }).id;
    const angleId = (angle.value as { id: number }).id;

    const listed = await core.dispatch('measurements:list', { seriesInstanceUID: rect.seriesInstanceUID });
    expect(listed.ok && (listed.value as { id: number }[]).map((m) => m.id)).toEqual([savedId, angleId]);

    expect(await core.dispatch('measurements:delete', { id: angleId })).toEqual({ ok: true, value: { deleted: true } });
    expect(await core.dispatch('measurements:delete', { id: angleId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.dispatch('measurements:delete', { id: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    await core.close();
    core = createCore({ dataDir: temp.dir, host: 'web' });
    const reopened = await core.dispatch('measurements:list', { seriesInstanceUID: rect.seriesInstanceUID });
    expect(reopened).toMatchObject({ ok: true, value: [{ id: savedId, kind: 'rectangle', values: rect.values, label: '空气' }] });
  });
});
