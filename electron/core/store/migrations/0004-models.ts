import type { Migration } from './migration';

// Installed AI model packages. The files live in <data>/models/<model_id>/<version>/; this
// table is the record of what was installed and the SHA-256 that every load is checked
// against (the manifest on disk is not trusted for that: it sits beside the file it vouches for).
export const migration0004: Migration = {
  version: 4,
  name: 'models',
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id             INTEGER PRIMARY KEY,
        model_id       TEXT NOT NULL,
        version        TEXT NOT NULL,
        sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
        size_bytes     INTEGER NOT NULL,
        task           TEXT NOT NULL,
        experimental   INTEGER NOT NULL CHECK (experimental IN (0, 1)),
        enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        manifest_json  TEXT NOT NULL,
        installed_at   TEXT NOT NULL,
        UNIQUE (model_id, version)
      ) STRICT;
    `);
  },
};
