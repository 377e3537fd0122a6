import type { Migration } from './migration';

// AI triage on the study row (ARCHITECTURE §4: studies carry the AI triage flag). `ai_flags` is
// the JSON array of flags the triage rules (electron/core/inference/triage/) raised from the
// study's stored analyses, rewritten whenever an analysis of the study is stored; `ai_flagged`
// lets the worklist sort flagged studies above unflagged ones of the same priority through one
// index, like the default reading order (0003).
export const migration0008: Migration = {
  version: 8,
  name: 'study-triage',
  up(db) {
    db.exec(`
      ALTER TABLE studies ADD COLUMN ai_flags TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(ai_flags) AND json_type(ai_flags) = 'array');
      ALTER TABLE studies ADD COLUMN ai_flagged INTEGER GENERATED ALWAYS AS (ai_flags <> '[]') VIRTUAL;
      CREATE INDEX studies_wl_ai ON studies(priority_rank, ai_flagged DESC, study_datetime DESC, id DESC);
    `);
  },
};
