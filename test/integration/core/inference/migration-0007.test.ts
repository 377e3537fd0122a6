// Migration 0007 (analyses) on a schema-6 database with a done job: the table appears STRICT
// with its indexes, rows need an existing job (foreign key, removed with it), and the CHECKs
// refuse a short checksum, a negative run time and invalid JSON.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0007 (analyses)', () => {
  const temp = makeTempDir('yingdu-m7-');
  afterAll(() => temp.remove());

  it('adds the analyses table to a schema-6 database and enforces its constraints', () => {
    const file = path.join(temp.dir, 'yingdu.sqlite');
    const v6 = openDatabase(file, { targetVersion: 6 });
    v6.prepare(
      `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, created_at)
       VALUES ('1.2.3', '1.2', 'brain-mask-mindgrab', '1.0.0', ?, 'routine', 'done', 'now')`,
    ).run('a'.repeat(64));
    v6.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(7);
      expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'analyses'`).get() as { sql: string }).sql).toMatch(/STRICT/);
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'analyses'`).all() as Array<{ name: string }>).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['analyses_by_study', 'analyses_by_series']));
      const insert = db.prepare(
        `INSERT INTO analyses (analysis_id, study_instance_uid, series_instance_uid, model_id, model_version, model_sha256, provider, seconds, result, output_grids, created_at)
         VALUES (?, '1.2', '1.2.3', 'brain-mask-mindgrab', '1.0.0', ?, 'cpu', ?, ?, '[]', 'now')`,
      );
      const body = '{"findings":[],"measurements":[],"outputs":[],"warnings":[]}';
      expect(() => insert.run(99, 'a'.repeat(64), 1, body)).toThrow(/FOREIGN KEY/);
      expect(() => insert.run(1, 'short', 1, body)).toThrow(/CHECK/);
      expect(() => insert.run(1, 'a'.repeat(64), -1, body)).toThrow(/CHECK/);
      expect(() => insert.run(1, 'a'.repeat(64), 1, '{nope')).toThrow(/CHECK/);
      insert.run(1, 'a'.repeat(64), 1.5, body);
      expect(() => insert.run(1, 'a'.repeat(64), 1, body)).toThrow(/UNIQUE|PRIMARY KEY/);
      db.prepare('DELETE FROM jobs WHERE id = 1').run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM analyses').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
