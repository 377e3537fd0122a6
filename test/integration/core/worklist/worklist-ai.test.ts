// The worklist's AI column against a real SQLite file: job states and progress per study from
// the jobs table, triage flags recomputed from stored analyses when a job finishes (with a
// `studies:changed` event), and the AI sort putting flagged studies above unflagged ones of the
// same priority.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisStore } from '../../../../electron/core/inference/jobs/analysis-store';
import { type Database, openDatabase } from '../../../../electron/core/store/database';
import { watchTriage } from '../../../../electron/core/worklist/worklist-ai';
import { listStudies } from '../../../../electron/core/worklist/worklist-query';
import type { AnalysisResult } from '../../../../electron/shared/ai-results';
import { EventBus } from '../../../../electron/shared/event-bus';
import { type WorklistQueryInput, worklistQuerySchema } from '../../../../electron/shared/studies';
import { makeTempDir } from '../../../support/temp-dir';
import { createSeeder } from './study-seed';

const SHA = 'a'.repeat(64);

describe('worklist AI state and triage (real SQLite)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  const events = new EventBus();
  const seen: unknown[] = [];
  let stop: () => void;

  const job = (study: string, state: string, progress: number) =>
    (db
      .prepare(
        `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, progress, created_at)
         VALUES (?, ?, 'lung-nodule-cad', '1.0.0', ?, 'routine', ?, ?, '2026-01-01T00:00:00Z') RETURNING id`,
      )
      .get(`${study}.1`, study, SHA, state, progress) as { id: number }).id;

  const list = (q: WorklistQueryInput = {}) => listStudies(db, worklistQuerySchema.parse(q)).rows;

  beforeAll(() => {
    temp = makeTempDir('yingdu-worklist-ai-');
    db = openDatabase(path.join(temp.dir, 'yingdu.sqlite'));
    const seed = createSeeder(db);
    // Three routine studies, newest first by date: 3.3, 3.2, 3.1; one STAT study.
    seed({ studyInstanceUID: '3.1', patientName: 'A', patientID: 'A', studyDate: '20240101', studyTime: '080000', priority: 'routine' });
    seed({ studyInstanceUID: '3.2', patientName: 'B', patientID: 'B', studyDate: '20240102', studyTime: '080000', priority: 'routine' });
    seed({ studyInstanceUID: '3.3', patientName: 'C', patientID: 'C', studyDate: '20240103', studyTime: '080000', priority: 'routine' });
    seed({ studyInstanceUID: '3.4', patientName: 'D', patientID: 'D', studyDate: '20231231', studyTime: '080000', priority: 'stat' });
    stop = watchTriage(db, events);
    events.subscribe((event, payload) => event === 'studies:changed' && seen.push(payload));
  });
  afterAll(() => {
    stop();
    db.close();
    temp.remove();
  });

  it('shows no AI state for a study without jobs, and folds a study’s jobs into one state', () => {
    expect(list().every((r) => r.ai === undefined)).toBe(true);
    const running = job('3.2', 'running', 0.4);
    const queued = job('3.2', 'queued', 0);
    job('3.3', 'failed', 0.1);
    job('3.4', 'cancelled', 0);
    const rows = new Map(list().map((r) => [r.studyInstanceUID, r]));
    expect(rows.get('3.2')?.ai).toMatchObject({ state: 'running', progress: 0.2, flags: [] });
    expect(rows.get('3.2')?.ai?.jobs.map((j) => j.id)).toEqual([running, queued]);
    expect(rows.get('3.3')?.ai).toMatchObject({ state: 'failed' });
    expect(rows.get('3.4')?.ai).toBeUndefined();
  });

  it('raises a flag when a finished job’s analysis crosses a rule, tells the worklist, and sorts the study first within its priority', () => {
    const id = job('3.1', 'done', 1);
    const result: AnalysisResult = {
      analysisId: id,
      seriesInstanceUID: '3.1.1',
      studyInstanceUID: '3.1',
      model: { id: 'lung-nodule-cad', version: '1.0.0', sha256: SHA },
      provider: 'cpu',
      seconds: 3,
      findings: [{ id: 'f1', type: 'nodule', label: 'nodule', centerLPS: [1, 2, 3], longAxisMm: 12.5 }],
      measurements: [],
      outputs: [],
      warnings: [],
      createdAt: '2026-01-01T00:00:00Z',
    };
    createAnalysisStore(db).save(result, []);
    // Before the job is announced as finished, the study is not flagged yet.
    expect(list({ sort: 'ai', direction: 'desc' }).map((r) => r.studyInstanceUID)).toEqual(['3.4', '3.3', '3.2', '3.1']);
    events.emit('ai:jobFinished', { jobId: id, seriesInstanceUID: '3.1.1', studyInstanceUID: '3.1', state: 'done', errorCode: null });
    expect(seen.at(-1)).toEqual({ studyInstanceUIDs: ['3.1'], reason: 'ai' });

    const rows = list({ sort: 'ai', direction: 'desc' });
    // STAT first; then within routine the flagged (oldest) study above the newer unflagged ones.
    expect(rows.map((r) => r.studyInstanceUID)).toEqual(['3.4', '3.1', '3.3', '3.2']);
    expect(rows[1]?.ai?.flags).toEqual([
      { rule: 'lung-lesion-8mm', label: { en: 'Lung lesion ≥ 8 mm', 'zh-CN': '肺部病灶 ≥ 8 mm' }, value: 12.5, unit: 'mm', analysisId: id },
    ]);
    expect(rows[1]?.ai?.state).toBe('done');
    // Ascending reverses the whole order.
    expect(list({ sort: 'ai', direction: 'asc' }).map((r) => r.studyInstanceUID)).toEqual(['3.2', '3.3', '3.1', '3.4']);
    // The default reading order is unchanged by flags.
    expect(list().map((r) => r.studyInstanceUID)).toEqual(['3.4', '3.3', '3.2', '3.1']);
  });

  it('ignores failed and cancelled jobs for triage', () => {
    const before = seen.length;
    events.emit('ai:jobFinished', { jobId: 999, seriesInstanceUID: '3.3.1', studyInstanceUID: '3.3', state: 'failed', errorCode: 'IO_ERROR' });
    expect(seen.length).toBe(before);
  });
});
