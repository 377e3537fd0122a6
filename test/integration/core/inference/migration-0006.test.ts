// Migration 0006 (jobs) on a schema-5 database: the table appears STRICT, existing data stays,
// and the CHECKs refuse an unknown state or priority, a short checksum and invalid result JSON.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0006 (jobs)', () => {
  const temp = makeTempDir('yingdu-m6-');
  afterAll(() => temp.remove());

  it('adds the jobs table to a schema-5 database and enforces its constraints', () => {
    const file = path.join(temp.dir, 'yingdu.sqlite');
    const v5 = openDatabase(file, { targetVersion: 5 });
    expect(schemaVersion(v5)).toBe(5);
    v5.prepare(`INSERT INTO preferences(key, value) VALUES ('language', '"en"')`).run();
    v5.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(6);
      expect(db.prepare(`SELECT value FROM preferences WHERE key = 'language'`).get()).toEqual({ value: '"en"' });
      expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'jobs'`).get() as { sql: string }).sql).toMatch(/STRICT/);
      const insert = db.prepare(
        `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, created_at, result)
         VALUES ('1.2.3', '1.2', 'tissue-gwm', '1.0.0', ?, ?, ?, 'now', ?)`,
      );
      insert.run('a'.repeat(64), 'stat', 'queued', null);
      insert.run('a'.repeat(64), 'routine', 'done', '{"labelCounts":{"0":1}}');
      expect(() => insert.run('a'.repeat(64), 'asap', 'queued', null)).toThrow(/CHECK/);
      expect(() => insert.run('a'.repeat(64), 'stat', 'paused', null)).toThrow(/CHECK/);
      expect(() => insert.run('short', 'stat', 'queued', null)).toThrow(/CHECK/);
      expect(() => insert.run('a'.repeat(64), 'stat', 'done', '{not json')).toThrow(/CHECK/);
      expect(() => db.prepare(`UPDATE jobs SET progress = 'half' WHERE id = 1`).run()).toThrow(/cannot store TEXT/);
      expect(db.prepare('SELECT progress, provider FROM jobs WHERE id = 1').get()).toEqual({ progress: 0, provider: null });
    } finally {
      db.close();
    }
  });
});
