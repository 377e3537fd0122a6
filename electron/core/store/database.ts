// The only module (with its folder) allowed to import better-sqlite3 (see eslint.config.mjs).
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../shared/result';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

export type { Database };

export interface OpenOptions {
  readonly?: boolean;
  /** For migration tests: stop at this version instead of the latest. */
  targetVersion?: number;
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) the study database in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a process kill never corrupts or loses a committed transaction.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const migrations = options.migrations ?? MIGRATIONS;
    const target = options.targetVersion ?? migrations[migrations.length - 1]?.version ?? 0;
    if (options.readonly) assertNotFromFuture(db, target);
    else migrate(db, migrations, target);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function assertNotFromFuture(db: Database, latest: number): void {
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `The database has schema version ${current}, newer than the ${latest} this Yingdu understands. ` +
        'Open it with a newer Yingdu, or choose another data folder.',
    );
  }
}

/** Applies every pending migration in one transaction, so a crash leaves the old schema intact. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = LATEST_SCHEMA_VERSION): void {
  assertNotFromFuture(db, migrations[migrations.length - 1]?.version ?? 0);
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
