import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'preferences',
  up(db) {
    db.exec(`
      CREATE TABLE preferences (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON
      ) STRICT;
    `);
  },
};
