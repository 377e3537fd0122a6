import type { Migration } from './migration';

// Human review of AI findings (issue #6). Local reader profiles (name, role) until real sign-in
// exists; the current reader is the `currentUserId` preference. review_events is the only record
// of what a reader decided: rows are appended, never changed (triggers RAISE on UPDATE and
// DELETE), and the review state, the report texts and the report status are folded from them.
// Reader name and role are copied onto each event so renaming a profile never rewrites history.
// Findings are referenced by (analysis_id, finding_id) without a foreign key: deleting an
// analysis must not be able to touch (or be blocked by) the history of decisions about it.
export const migration0009: Migration = {
  version: 9,
  name: 'review',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
        role        TEXT NOT NULL CHECK (role IN ('radiologist', 'resident', 'technologist')),
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE review_events (
        id                  INTEGER PRIMARY KEY,
        study_instance_uid  TEXT NOT NULL,
        reader_id           INTEGER NOT NULL REFERENCES users (id),
        reader_name         TEXT NOT NULL,
        reader_role         TEXT NOT NULL CHECK (reader_role IN ('radiologist', 'resident', 'technologist')),
        at                  TEXT NOT NULL,
        action              TEXT NOT NULL
                            CHECK (action IN ('accept', 'reject', 'edit', 'add', 'undo', 'set-text', 'acknowledge', 'sign')),
        analysis_id         INTEGER,
        finding_id          TEXT,
        value_before        TEXT CHECK (value_before IS NULL OR json_valid(value_before)),
        value_after         TEXT CHECK (value_after IS NULL OR json_valid(value_after)),
        reason              TEXT CHECK (reason IS NULL OR reason IN ('vessel', 'scar', 'artefact', 'outside-organ', 'other')),
        reason_text         TEXT,
        CHECK ((action = 'reject') = (reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX review_events_by_study ON review_events (study_instance_uid, id);
      CREATE INDEX review_events_by_analysis ON review_events (analysis_id) WHERE analysis_id IS NOT NULL;

      CREATE TRIGGER review_events_append_only_update BEFORE UPDATE ON review_events
      BEGIN
        SELECT RAISE(ABORT, 'review_events is append-only: record a new event (e.g. undo) instead of changing one');
      END;
      CREATE TRIGGER review_events_append_only_delete BEFORE DELETE ON review_events
      BEGIN
        SELECT RAISE(ABORT, 'review_events is append-only: events are never deleted');
      END;
    `);
  },
};
