import type { Migration } from './migration';

// Finished AI analyses: one row per done job (analysis_id = jobs.id), holding what the viewer,
// the findings panel and `yingdu analyze` read: model identity (id, version, weights' SHA-256),
// the execution provider, the run time and the AnalysisResult body (findings, measurements,
// outputs, warnings) as JSON. Output volumes themselves are NIfTI files under
// outputs/analyses/<analysis_id>/; output_grids keeps their exact voxel grids (LPS) so the bulk
// route can describe them without re-deriving geometry from the NIfTI affine. No PHI is stored:
// the UIDs link to the studies tables.
export const migration0007: Migration = {
  version: 7,
  name: 'analyses',
  up(db) {
    db.exec(`
      CREATE TABLE analyses (
        analysis_id         INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
        study_instance_uid  TEXT NOT NULL,
        series_instance_uid TEXT NOT NULL,
        model_id            TEXT NOT NULL,
        model_version       TEXT NOT NULL,
        model_sha256        TEXT NOT NULL CHECK (length(model_sha256) = 64),
        provider            TEXT NOT NULL,
        seconds             REAL NOT NULL CHECK (seconds >= 0),
        result              TEXT NOT NULL CHECK (json_valid(result)),
        output_grids        TEXT NOT NULL CHECK (json_valid(output_grids)),
        created_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analyses_by_study ON analyses (study_instance_uid);
      CREATE INDEX analyses_by_series ON analyses (series_instance_uid, model_id, model_version);
    `);
  },
};
