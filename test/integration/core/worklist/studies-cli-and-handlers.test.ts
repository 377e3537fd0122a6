// `yingdu studies` (the real bundled CLI) and the studies:* requests through the core's
// dispatcher: argument validation, errors, persistence and the studies:changed event.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { openDatabase } from '../../../../electron/core/store/database';
import type { PayloadOf } from '../../../../electron/shared/contract';
import { makeTempDir } from '../../../support/temp-dir';
import { runCli } from '../../../../electron/cli/yingdu';
import { runYingdu } from '../../cli/cli-support';
import { createSeeder } from './study-seed';

describe('yingdu studies and studies:* requests', () => {
  const temp = makeTempDir('yingdu-studies-');
  let core: Core;

  beforeAll(() => {
    // Seed through a separate connection first: the CLI and the core open the same file.
    core = createCore({ dataDir: temp.dir, host: 'web' });
    const seed = createSeeder(core.db);
    core.db.transaction(() => {
      seed({ studyInstanceUID: '1.2.826.0.1.1', patientName: 'WANG^XIAOMING=王小明', patientID: 'P001', accessionNumber: 'A0002', studyDate: '20240105', studyTime: '0815', description: '胸部 CT 平扫', seriesModalities: ['CT', 'CT'], instancesPerSeries: 30, priority: 'stat' });
      seed({ studyInstanceUID: '1.2.826.0.1.2', patientName: '李四', patientID: 'P002', accessionNumber: 'A0103', studyDate: '20231111', description: 'MR BRAIN', seriesModalities: ['MR'], instancesPerSeries: 547, status: 'ai_done' });
      seed({ studyInstanceUID: '1.2.826.0.1.3', patientName: 'SMITH^JOHN', patientID: 'X-77', accessionNumber: 'ACC9', studyDate: '20230301', description: 'PET-CT', seriesModalities: ['PT', 'CT'], priority: 'urgent', read: true });
    })();
  });
  afterAll(async () => {
    await core.close();
    temp.remove();
  });

  it('prints every study with its series as one JSON document, with the documented field names', () => {
    const run = runYingdu(['studies', '--data', temp.dir, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const studies = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(studies.map((s) => s.studyInstanceUID)).toEqual(['1.2.826.0.1.1', '1.2.826.0.1.3', '1.2.826.0.1.2']);
    const first = studies[0]!;
    for (const key of ['studyInstanceUID', 'patientName', 'patientID', 'studyDate', 'accessionNumber', 'modalities', 'priority', 'status', 'numberOfSeries', 'numberOfInstances', 'series']) {
      expect(first).toHaveProperty(key);
    }
    expect(first).toMatchObject({ patientName: 'WANG^XIAOMING=王小明', modalities: ['CT'], priority: 'stat', status: 'new', numberOfSeries: 2, numberOfInstances: 60 });
    const series = first.series as Record<string, unknown>[];
    expect(series).toHaveLength(2);
    expect(Object.keys(series[0]!)).toEqual(expect.arrayContaining(['seriesInstanceUID', 'modality', 'seriesDescription', 'seriesNumber', 'numberOfInstances', 'sopClassUID']));
    expect(series.map((s) => s.seriesInstanceUID)).toEqual(['1.2.826.0.1.1.1', '1.2.826.0.1.1.2']);
  });

  it('searches, filters, sorts and limits (in-process runCli, same code as the binary)', async () => {
    const json = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const status = await runCli(['studies', '--data', temp.dir, '--json', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, new Promise(() => {}));
      expect(status, stderr).toBe(0);
      return (JSON.parse(stdout) as { studyInstanceUID: string }[]).map((s) => s.studyInstanceUID);
    };
    expect(await json(['--search', '王'])).toEqual(['1.2.826.0.1.1']);
    expect(await json(['--search', 'a0002'])).toEqual(['1.2.826.0.1.1']);
    expect(await json(['--modality', 'ct', '--sort', 'patientName'])).toEqual(['1.2.826.0.1.3', '1.2.826.0.1.1']);
    expect(await json(['--status', 'ai_done,new', '--priority', 'routine'])).toEqual(['1.2.826.0.1.2']);
    expect(await json(['--sort', 'numberOfInstances', '--desc', '--limit', '1'])).toEqual(['1.2.826.0.1.2']);
    expect(await json(['--unread', '--from', '20231201'])).toEqual(['1.2.826.0.1.1']);
  });

  it('prints a readable table with Chinese names aligned', () => {
    const run = runYingdu(['studies', '--data', temp.dir]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^PRIORITY\s+PATIENT\s+ID/);
    expect(lines[1]).toMatch(/^STAT\s+WANG\^XIAOMING=王小明\s+P001\s+20240105\s+CT/);
    expect(run.stdout).toContain('3 of 3 studies');
  });

  it('rejects bad options with a code and a sentence, exit status 2', async () => {
    const run = runYingdu(['studies', '--data', temp.dir, '--sort', 'shoeSize', '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error INVALID_ARGUMENT: --sort: .*sort columns: default, patientName/);
    expect(JSON.parse(run.stdout).error.code).toBe('INVALID_ARGUMENT');
    const stderrOf = async (args: string[]) => {
      let stderr = '';
      const status = await runCli(['studies', '--data', temp.dir, ...args], { stdout: () => {}, stderr: (t) => void (stderr += t) }, new Promise(() => {}));
      return { status, stderr };
    };
    expect(await stderrOf(['--limit', '0'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--limit must be a positive/) });
    expect(await stderrOf(['--status', 'done'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--status/) });
  });

  describe('studies:* through the dispatcher', () => {
    it('lists a page with total and counts', async () => {
      const result = await core.dispatch('studies:list', { limit: 2 });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const page = result.value as { rows: unknown[]; total: number; counts: { priority: Record<string, number>; unread: number } };
      expect(page.rows).toHaveLength(2);
      expect(page.total).toBe(3);
      expect(page.counts.priority).toEqual({ stat: 1, urgent: 1, routine: 1 });
      expect(page.counts.unread).toBe(2);
    });

    it('validates arguments: UIDs, enums, paging', async () => {
      for (const [channel, args] of [
        ['studies:get', { studyInstanceUID: '../../etc/passwd' }],
        ['studies:get', { studyInstanceUID: '1'.repeat(65) }],
        ['studies:setPriority', { studyInstanceUID: '1.2', priority: 'asap' }],
        ['studies:setRead', { studyInstanceUID: '1.2', read: 'yes' }],
        ['studies:list', { limit: 100_000 }],
        ['studies:list', { sort: 'name; DROP TABLE studies' }],
        ['studies:list', { status: 'new' }],
        ['studies:list', { unknown: 1 }],
      ] as const) {
        const result = await core.dispatch(channel, args);
        expect(result, `${channel} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }
    });

    it('answers NOT_FOUND for an unknown study', async () => {
      expect(await core.dispatch('studies:get', { studyInstanceUID: '9.9.9' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await core.dispatch('studies:setRead', { studyInstanceUID: '9.9.9', read: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('sets priority and read state, persists them and announces studies:changed', async () => {
      const seen: PayloadOf<'studies:changed'>[] = [];
      const off = core.events.subscribe((event, payload) => {
        if (event === 'studies:changed') seen.push(payload as PayloadOf<'studies:changed'>);
      });
      const uid = '1.2.826.0.1.2';
      expect(await core.dispatch('studies:setPriority', { studyInstanceUID: uid, priority: 'stat' })).toMatchObject({ ok: true, value: { priority: 'stat' } });
      expect(await core.dispatch('studies:setRead', { studyInstanceUID: uid, read: true })).toMatchObject({ ok: true, value: { read: true } });
      off();
      expect(seen).toEqual([
        { studyInstanceUIDs: [uid], reason: 'priority' },
        { studyInstanceUIDs: [uid], reason: 'read' },
      ]);
      const other = openDatabase(path.join(core.layout.database), { readonly: true });
      expect(other.prepare('SELECT priority, is_read FROM studies WHERE study_instance_uid = ?').get(uid)).toEqual({ priority: 'stat', is_read: 1 });
      other.close();
    });
  });
});
