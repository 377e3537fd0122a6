// The migration framework: one transaction for all pending steps, user_version as the schema
// version, refusal of a database written by a newer Yingdu. Each migration has its own test file.
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/core/store/migrations';
import { AppError } from '../../../../electron/shared/result';
import { makeTempDir } from '../../../support/temp-dir';

describe('migrations', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a new database to the latest version in WAL mode', () => {
    const db = openDatabase(path.join(temp.dir, 'a.sqlite'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuse a database from a newer Yingdu and leave it untouched', () => {
    const file = path.join(temp.dir, 'future.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SCHEMA_TOO_NEW');
    const again = new BetterSqlite3(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    again.close();
  });

  it('roll back every pending step when one fails', () => {
    const file = path.join(temp.dir, 'b.sqlite');
    const db = new BetterSqlite3(file);
    const broken = [
      { version: 1, name: 'ok', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'fails', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE oops (') },
    ];
    expect(() => migrate(db, broken, 2)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 0001 (preferences)', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('creates a STRICT key/value table', () => {
    const db = openDatabase(path.join(temp.dir, 'p.sqlite'), { targetVersion: 1 });
    expect(schemaVersion(db)).toBe(1);
    db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?)').run('language', '"en"');
    expect(() => db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?)').run('x', Buffer.from([1, 2]))).toThrow(/cannot store BLOB/);
    db.close();
  });
});
