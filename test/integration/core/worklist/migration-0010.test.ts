// Migration 0010 on a schema-9 database that already holds studies and jobs (as a data folder
// used before the status followed the jobs): a new study with a queued or running job becomes
// ai_pending, one whose jobs all ended (done, failed or cancelled) ai_done; a study without jobs
// stays new and one a reader already moved on (in_review, final) keeps its status.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0010 (study status from existing AI jobs)', () => {
  const temp = makeTempDir('yingdu-m10-');
  afterAll(() => temp.remove());
  const file = path.join(temp.dir, 'yingdu.sqlite');

  it('derives ai_pending / ai_done from the jobs of new studies and leaves the others alone', () => {
    const v9 = openDatabase(file, { targetVersion: 9 });
    v9.prepare(`INSERT INTO patients(patient_key, patient_id, patient_name) VALUES ('k', 'ID1', 'A')`).run();
    const study = v9.prepare(`INSERT INTO studies(study_instance_uid, patient_ref, status, imported_at, updated_at) VALUES (?, 1, ?, 'x', 'x')`);
    const job = v9.prepare(
      `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, created_at)
       VALUES (?, ?, 'm', '1.0.0', ?, 'routine', ?, 'x')`,
    );
    const jobs: Record<string, string[]> = {
      '1.1': [],
      '1.2': ['done', 'queued'],
      '1.3': ['running'],
      '1.4': ['done', 'failed'],
      '1.5': ['failed'],
      '1.6': ['cancelled'],
      '1.7': ['queued'],
      '1.8': ['done'],
    };
    const before: Record<string, string> = { '1.7': 'in_review', '1.8': 'final' };
    for (const [uid, states] of Object.entries(jobs)) {
      study.run(uid, before[uid] ?? 'new');
      states.forEach((state, i) => job.run(`${uid}.${i}`, uid, 'a'.repeat(64), state));
    }
    v9.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    const statuses = Object.fromEntries(
      (db.prepare('SELECT study_instance_uid AS uid, status FROM studies ORDER BY uid').all() as { uid: string; status: string }[]).map((r) => [r.uid, r.status]),
    );
    expect(statuses).toEqual({
      '1.1': 'new',
      '1.2': 'ai_pending',
      '1.3': 'ai_pending',
      '1.4': 'ai_done',
      '1.5': 'ai_done',
      '1.6': 'ai_done',
      '1.7': 'in_review',
      '1.8': 'final',
    });
    db.close();
  });
});
