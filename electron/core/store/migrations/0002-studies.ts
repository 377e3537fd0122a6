import type { Migration } from './migration';

// The DICOM information model as a worklist and a viewer need it (PS3.3 patient / study /
// series / instance). Strings are stored decoded (Specific Character Set applied). Dates stay
// in DICOM DA form (YYYYMMDD) so they sort as text. Geometry is JSON arrays of numbers.
export const migration0002: Migration = {
  version: 2,
  name: 'studies',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id            INTEGER PRIMARY KEY,
        -- PatientID + IssuerOfPatientID, or name + birth date when the ID is empty.
        patient_key   TEXT NOT NULL UNIQUE,
        patient_id    TEXT NOT NULL DEFAULT '',
        patient_name  TEXT NOT NULL DEFAULT '',
        birth_date    TEXT NOT NULL DEFAULT '',
        sex           TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE studies (
        id                   INTEGER PRIMARY KEY,
        study_instance_uid   TEXT NOT NULL UNIQUE,
        patient_ref          INTEGER NOT NULL REFERENCES patients(id),
        accession_number     TEXT NOT NULL DEFAULT '',
        study_id             TEXT NOT NULL DEFAULT '',
        study_date           TEXT NOT NULL DEFAULT '',
        study_time           TEXT NOT NULL DEFAULT '',
        study_description    TEXT NOT NULL DEFAULT '',
        referring_physician  TEXT NOT NULL DEFAULT '',
        institution_name     TEXT NOT NULL DEFAULT '',
        body_part            TEXT NOT NULL DEFAULT '',
        -- Sorted, backslash-joined, as in ModalitiesInStudy (0008,0061).
        modalities           TEXT NOT NULL DEFAULT '',
        number_of_series     INTEGER NOT NULL DEFAULT 0,
        number_of_instances  INTEGER NOT NULL DEFAULT 0,
        priority             TEXT NOT NULL DEFAULT 'routine' CHECK (priority IN ('stat', 'urgent', 'routine')),
        status               TEXT NOT NULL DEFAULT 'new'
                             CHECK (status IN ('new', 'ai_pending', 'ai_done', 'in_review', 'preliminary', 'final')),
        is_read              INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
        imported_at          TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX studies_patient ON studies(patient_ref);

      CREATE TABLE series (
        id                      INTEGER PRIMARY KEY,
        series_instance_uid     TEXT NOT NULL UNIQUE,
        study_ref               INTEGER NOT NULL REFERENCES studies(id),
        modality                TEXT NOT NULL DEFAULT '',
        series_number           INTEGER,
        series_description      TEXT NOT NULL DEFAULT '',
        body_part               TEXT NOT NULL DEFAULT '',
        sop_class_uid           TEXT NOT NULL DEFAULT '',
        frame_of_reference_uid  TEXT NOT NULL DEFAULT '',
        manufacturer            TEXT NOT NULL DEFAULT '',
        number_of_instances     INTEGER NOT NULL DEFAULT 0,
        -- Geometry summary of the first image instance (JSON), for hanging protocols.
        rows                    INTEGER,
        columns                 INTEGER,
        pixel_spacing           TEXT,
        slice_thickness         REAL,
        image_orientation       TEXT
      ) STRICT;
      CREATE INDEX series_study ON series(study_ref);

      CREATE TABLE instances (
        id                   INTEGER PRIMARY KEY,
        sop_instance_uid     TEXT NOT NULL UNIQUE,
        sop_class_uid        TEXT NOT NULL,
        series_ref           INTEGER NOT NULL REFERENCES series(id),
        instance_number      INTEGER,
        transfer_syntax_uid  TEXT NOT NULL,
        -- sha256 of the file bytes, hex; the store path is derived from it, never from DICOM values.
        file_hash            TEXT NOT NULL,
        file_size            INTEGER NOT NULL,
        rows                 INTEGER,
        columns              INTEGER,
        number_of_frames     INTEGER,
        image_position       TEXT,
        image_orientation    TEXT,
        pixel_spacing        TEXT,
        slice_location       REAL,
        imported_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX instances_series ON instances(series_ref);
      CREATE INDEX instances_hash ON instances(file_hash);
    `);
  },
};
