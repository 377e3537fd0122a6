// Migration 0005 (measurements): a STRICT table whose kind vocabulary and JSON shapes are
// enforced by the database itself, indexed by series.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0005 (measurements)', () => {
  const temp = makeTempDir();
  const db = openDatabase(path.join(temp.dir, 'm5.sqlite'), { targetVersion: 5 });
  afterAll(() => {
    db.close();
    temp.remove();
  });
  const now = '2026-11-29T00:00:00Z';
  const insert = db.prepare(
    'INSERT INTO measurements (series_instance_uid, kind, points, "values", label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  it('stops at version 5 with a STRICT, series-indexed table', () => {
    expect(schemaVersion(db)).toBe(5);
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'measurements'").get() as { sql: string }).sql;
    expect(sql).toMatch(/\)\s*STRICT$/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements'").pluck().all()).toContain(
      'measurements_series',
    );
  });

  it('stores a measurement and defaults the label to empty', () => {
    db.prepare(
      'INSERT INTO measurements (series_instance_uid, kind, points, "values", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('1.2.3', 'angle', '[[0,0,0],[1,0,0],[1,1,0]]', '{"degrees":90}', now, now);
    expect(db.prepare("SELECT kind, label, json_extract(\"values\", '$.degrees') AS d FROM measurements").get()).toEqual({
      kind: 'angle',
      label: '',
      d: 90,
    });
  });

  it('refuses unknown kinds, invalid JSON, wrong JSON shapes and wrong column types', () => {
    expect(() => insert.run('1.2.3', 'circle', '[]', '{}', '', now, now)).toThrow(/CHECK constraint/);
    expect(() => insert.run('1.2.3', 'length', '[[0,0', '{}', '', now, now)).toThrow(/CHECK constraint|malformed JSON/);
    expect(() => insert.run('1.2.3', 'length', '{}', '{}', '', now, now)).toThrow(/CHECK constraint/);
    expect(() => insert.run('1.2.3', 'length', '[]', '[]', '', now, now)).toThrow(/CHECK constraint/);
    expect(() => insert.run('1.2.3', 'length', '[]', '{}', Buffer.from('x'), now, now)).toThrow(/cannot store BLOB value in TEXT column/);
  });
});
