// Migration 0004 (models) on a schema-3 database: the table appears, existing data stays, and
// the constraints refuse a malformed checksum and a duplicate id@version.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0004 (models)', () => {
  const temp = makeTempDir('yingdu-m4-');
  afterAll(() => temp.remove());

  it('adds the models table to a schema-3 database and enforces its constraints', () => {
    const file = path.join(temp.dir, 'yingdu.sqlite');
    const v3 = openDatabase(file, { targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    v3.prepare(`INSERT INTO preferences(key, value) VALUES ('language', '"zh-CN"')`).run();
    v3.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(4);
      expect(db.prepare(`SELECT value FROM preferences WHERE key = 'language'`).get()).toEqual({ value: '"zh-CN"' });
      const insert = db.prepare(
        `INSERT INTO models (model_id, version, sha256, size_bytes, task, experimental, manifest_json, installed_at) VALUES (?, '1.0.0', ?, 1, 'segmentation', 0, '{}', 'now')`,
      );
      insert.run('tissue-gwm', 'a'.repeat(64));
      expect(() => insert.run('tissue-gwm', 'b'.repeat(64))).toThrow(/UNIQUE/);
      expect(() => insert.run('other', 'short')).toThrow(/CHECK/);
      expect(db.prepare('SELECT enabled FROM models').get()).toEqual({ enabled: 0 });
    } finally {
      db.close();
    }
  });
});
