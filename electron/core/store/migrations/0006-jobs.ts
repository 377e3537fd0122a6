import type { Migration } from './migration';

// AI jobs: one row per (series, model id + version) request. The queue lives here, not in
// memory, so queued and running jobs survive a restart (they are re-queued at startup).
// model_sha256 records exactly which weights produced a result. No patient name or ID is
// stored: the UIDs link to the studies tables.
export const migration0006: Migration = {
  version: 6,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id                  INTEGER PRIMARY KEY,
        series_instance_uid TEXT NOT NULL,
        study_instance_uid  TEXT NOT NULL,
        model_id            TEXT NOT NULL,
        model_version       TEXT NOT NULL,
        model_sha256        TEXT NOT NULL CHECK (length(model_sha256) = 64),
        priority            TEXT NOT NULL CHECK (priority IN ('stat', 'urgent', 'routine')),
        state               TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        progress            REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        provider            TEXT,
        error_code          TEXT,
        error_message       TEXT,
        created_at          TEXT NOT NULL,
        started_at          TEXT,
        finished_at         TEXT,
        result              TEXT CHECK (result IS NULL OR json_valid(result))
      ) STRICT;
      CREATE INDEX jobs_by_state ON jobs (state, created_at);
      CREATE INDEX jobs_by_series_model ON jobs (series_instance_uid, model_id, model_version);
      CREATE INDEX jobs_by_study ON jobs (study_instance_uid);
    `);
  },
};
