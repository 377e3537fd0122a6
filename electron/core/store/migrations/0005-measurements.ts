import type { Migration } from './migration';

// Viewer measurements per series. Keyed by the Series Instance UID rather than a foreign key to
// series(id): a re-import that replaces the series rows must not silently drop a radiologist's
// measurements. Points are JSON arrays of LPS millimetres; values are JSON {name: number}.
export const migration0005: Migration = {
  version: 5,
  name: 'measurements',
  up(db) {
    db.exec(`
      CREATE TABLE measurements (
        id                   INTEGER PRIMARY KEY,
        series_instance_uid  TEXT NOT NULL,
        kind                 TEXT NOT NULL CHECK (kind IN ('length', 'angle', 'ellipse', 'rectangle')),
        points               TEXT NOT NULL CHECK (json_valid(points) AND json_type(points) = 'array'),
        "values"             TEXT NOT NULL CHECK (json_valid("values") AND json_type("values") = 'object'),
        label                TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX measurements_series ON measurements(series_instance_uid);
    `);
  },
};
