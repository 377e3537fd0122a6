// Layouts, hanging protocols, window presets, GPU decimation, measurements, disposal scopes:
// the viewer's typed data and pure logic.
import { describe, expect, it, vi } from 'vitest';
import type { SeriesSummary } from '../../../../electron/shared/studies';
import { DisposalScope } from '../../../../renderer/src/viewer/engine/disposal-scope';
import { downsampleForGpu } from '../../../../renderer/src/viewer/engine/gpu-downsample';
import { chooseHangingProtocol } from '../../../../renderer/src/viewer/engine/hanging-protocols';
import { LAYOUTS, nextLayout } from '../../../../renderer/src/viewer/engine/layouts';
import { isOnSlice, lengthMm } from '../../../../renderer/src/viewer/engine/measurements';
import { presetsFor, storedWindow } from '../../../../renderer/src/viewer/engine/window-presets';
import { en } from '../../../../electron/shared/i18n/en';
import { zhCN } from '../../../../electron/shared/i18n/zh-CN';
import { VOLUME_PRESETS } from '../../../../renderer/src/viewer/engine/volume-presets';

const series = (modality: string, n: number, description = '', bodyPartExamined = ''): SeriesSummary => ({
  seriesInstanceUID: `1.2.${n}`,
  modality,
  seriesDescription: description,
  seriesNumber: n,
  numberOfInstances: n,
  sopClassUID: '',
  bodyPartExamined,
});

describe('hanging protocols', () => {
  it('hangs chest CT as MPR in the lung window, head CT axial in the brain window', () => {
    const chest = chooseHangingProtocol({ bodyPartExamined: 'CHEST', studyDescription: '', series: [series('CT', 2), series('CT', 300)] });
    expect(chest.protocol).toMatchObject({ layout: 'mpr', window: 'lung' });
    expect(chest.series?.numberOfInstances).toBe(300);
    const head = chooseHangingProtocol({ bodyPartExamined: '', studyDescription: 'CT HEAD w/o', series: [series('CT', 28)] });
    expect(head.protocol).toMatchObject({ layout: '1x1', window: 'brain' });
  });

  it('hangs brain MR as an axial stack and radiographs 1×1 in the header window', () => {
    expect(chooseHangingProtocol({ bodyPartExamined: 'BRAIN', studyDescription: '', series: [series('MR', 32)] }).protocol.id).toBe('mr-brain');
    expect(chooseHangingProtocol({ bodyPartExamined: 'HIP', studyDescription: '', series: [series('CR', 1)] }).protocol).toMatchObject({ layout: '1x1', window: 'dicom' });
  });

  it('prefers an image series over a structured report or presentation state', () => {
    const choice = chooseHangingProtocol({ bodyPartExamined: '', studyDescription: '', series: [series('SR', 900), series('CT', 40)] });
    expect(choice.series?.modality).toBe('CT');
  });
});

describe('layouts and presets as data', () => {
  it('has cells for every grid position and cycles through all layouts', () => {
    for (const l of LAYOUTS) expect(l.cells).toHaveLength(l.rows * l.columns);
    const seen = new Set<string>();
    let id = LAYOUTS[0].id as (typeof LAYOUTS)[number]['id'];
    for (let i = 0; i < LAYOUTS.length; i++) {
      seen.add(id);
      id = nextLayout(id);
    }
    expect(seen.size).toBe(LAYOUTS.length);
  });

  it('names every layout and preset in both languages', () => {
    const keys = [...LAYOUTS.map((l) => l.name), ...VOLUME_PRESETS.map((p) => p.name), ...presetsFor('CT', { min: 0, max: 1, rescale: { slope: 1, intercept: 0 }, windowPresets: [] }).map((p) => p.name!)];
    for (const key of keys) {
      expect(en[key]).toBeTruthy();
      expect(zhCN[key]).toBeTruthy();
    }
  });

  it('gives CT the seven standard windows and converts HU to stored values', () => {
    const ct = presetsFor('CT', { min: 0, max: 4095, rescale: { slope: 1, intercept: -1024 }, windowPresets: [] });
    expect(ct.map((p) => [p.center, p.width])).toEqual([[-600, 1500], [40, 400], [400, 1800], [40, 80], [40, 40], [40, 350], [60, 150]]);
    expect(storedWindow({ center: -600, width: 1500 }, { slope: 1, intercept: -1024 })).toEqual({ colorWindow: 1500, colorLevel: 424 });
    expect(storedWindow({ center: 40, width: 400 }, { slope: 2, intercept: -1000 })).toEqual({ colorWindow: 200, colorLevel: 520 });
  });

  it('gives MR the header windows, then the full range', () => {
    const mr = presetsFor('MR', { min: 0, max: 1000, rescale: { slope: 1, intercept: 0 }, windowPresets: [{ center: 300, width: 600, label: 'T2' }] });
    expect(mr.map((p) => [p.center, p.width, p.label])).toEqual([[300, 600, 'T2'], [500, 1000, '']]);
  });
});

describe('GPU decimation for 3-D', () => {
  it('keeps a volume within the limit untouched', () => {
    const voxels = new Int16Array(4 * 3 * 2).map((_, i) => i);
    const out = downsampleForGpu([4, 3, 2], [1, 1, 1], voxels, 4);
    expect(out.voxels).toBe(voxels);
    expect(out.factors).toEqual([1, 1, 1]);
  });

  it('keeps every n-th voxel along a long axis, native type, spacing scaled', () => {
    const dims = [5, 2, 9] as const;
    const voxels = new Int16Array(5 * 2 * 9).map((_, i) => i - 40);
    const out = downsampleForGpu(dims, [0.5, 0.5, 1], voxels, 4);
    expect(out.factors).toEqual([2, 1, 3]);
    expect(out.dimensions).toEqual([3, 2, 3]);
    expect(out.spacing).toEqual([1, 0.5, 3]);
    expect(out.voxels).toBeInstanceOf(Int16Array);
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 2; j++)
        for (let i = 0; i < 3; i++) {
          expect(out.voxels[i + 3 * (j + 2 * k)]).toBe(voxels[i * 2 + 5 * (j + 2 * (k * 3))]);
        }
  });
});

describe('measurements', () => {
  it('measures in patient millimetres and shows on its own slice only', () => {
    const m = { start: [0, 0, 10] as const, end: [30, 40, 10] as const, normal: [0, 0, 1] as const, position: 10 };
    expect(lengthMm(m)).toBe(50);
    expect(isOnSlice(m, [0, 0, 1], 12, 8)).toBe(true);
    expect(isOnSlice(m, [0, 0, 1], 18.5, 8)).toBe(false);
    expect(isOnSlice(m, [0, 0, -1], -10, 8)).toBe(true);
    expect(isOnSlice(m, [0, 1, 0], 10, 8)).toBe(false);
  });
});

describe('disposal scope', () => {
  it('deletes everything it tracked once, in reverse order', () => {
    const order: string[] = [];
    const scope = new DisposalScope();
    const a = { delete: vi.fn(() => order.push('a')) };
    scope.track(a);
    scope.track(() => order.push('fn'));
    scope.track({ delete: () => order.push('b') });
    scope.dispose();
    scope.dispose();
    expect(order).toEqual(['b', 'fn', 'a']);
    expect(a.delete).toHaveBeenCalledTimes(1);
    expect(() => scope.track({ delete: () => {} })).toThrow();
  });
});
