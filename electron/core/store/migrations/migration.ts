import type { Database } from 'better-sqlite3';

/** One schema step. Released migrations are never edited: add a new file instead. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
