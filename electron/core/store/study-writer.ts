// Writes imported instances into patients / studies / series / instances, one transaction per
// batch. Runs inside the writer worker (study-writer-worker.ts) so a big import never holds the
// event loop that answers the UI. Re-imports never touch priority, status or read flags.
import type { Database, Statement } from 'better-sqlite3';
import type { ParsedInstance } from '../dicom/parsed-instance';

/** One file that is already durably in the managed store, ready to become rows. */
export interface StoredInstance {
  parsed: ParsedInstance;
  /** sha256 of the file bytes (hex); the store path derives from it. */
  fileHash: string;
  fileSize: number;
}

/**
 * added: new rows; duplicate: the same bytes were already stored under this SOP Instance UID;
 * conflict: a different file already holds this SOP Instance UID (the stored one wins).
 */
export type WriteOutcome = 'added' | 'duplicate' | 'conflict';

export interface BatchResult {
  outcomes: WriteOutcome[];
  /** Conflicting files whose bytes some other row still points at: they must stay in the store. */
  referencedConflictHashes: string[];
}

/**
 * PatientID qualified by its issuer identifies a patient (PS3.3 C.7.1.1); files without a
 * PatientID fall back to name + birth date so anonymous studies still group.
 */
export function patientKey(p: ParsedInstance): string {
  if (p.patientID.trim() !== '') return `id:${p.issuerOfPatientID.trim()}\u001f${p.patientID.trim()}`;
  return `name:${p.patientName.display.trim()}\u001f${p.patientBirthDate.trim()}`;
}

const json = (value: number[] | null): string | null => (value === null ? null : JSON.stringify(value));
const integer = (value: number | null): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.trunc(value);
const real = (value: number | null): number | null => (value === null || !Number.isFinite(value) ? null : value);

type Row = Record<string, string | number | null>;

/** Columns whose stored value is filled in from later files when it is still empty. */
const PATIENT_FILL = ['patient_id', 'patient_name', 'birth_date', 'sex'];
const STUDY_FILL = [
  'accession_number', 'study_id', 'study_date', 'study_time', 'study_description', 'referring_physician',
  'institution_name', 'body_part',
];
const SERIES_FILL = [
  'modality', 'series_number', 'series_description', 'body_part', 'frame_of_reference_uid', 'manufacturer', 'rows',
  'columns', 'pixel_spacing', 'slice_thickness', 'image_orientation',
];

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

export class StudyWriter {
  private readonly findInstance: Statement<[string], { file_hash: string }>;
  private readonly hashReferenced: Statement<[string], { n: number }>;
  private readonly findPatient: Statement<[string], Row>;
  private readonly findStudy: Statement<[string], Row>;
  private readonly findSeries: Statement<[string], Row>;
  private readonly insertPatient: Statement<unknown[]>;
  private readonly insertStudy: Statement<unknown[]>;
  private readonly insertSeries: Statement<unknown[]>;
  private readonly insertInstance: Statement<unknown[]>;
  private readonly countSeries: Statement<[number]>;
  private readonly studyModalities: Statement<[number], { modality: string }>;
  private readonly countStudy: Statement<[string, string, number]>;
  private readonly updates = new Map<string, Statement<unknown[]>>();
  private readonly runBatch: (records: readonly StoredInstance[]) => BatchResult;

  constructor(private readonly db: Database) {
    this.findInstance = db.prepare('SELECT file_hash FROM instances WHERE sop_instance_uid = ?');
    this.hashReferenced = db.prepare('SELECT count(*) AS n FROM instances WHERE file_hash = ?');
    // Plain SELECT + INSERT/UPDATE rather than UPSERT: an UPSERT's conflict clause overrides the
    // OR IGNORE of the worklist triggers (SQLite "ON CONFLICT" rules for trigger bodies), and
    // UPDATE only names columns that really change, so AFTER UPDATE OF triggers stay quiet.
    this.findPatient = db.prepare(`SELECT id, ${PATIENT_FILL.join(', ')} FROM patients WHERE patient_key = ?`);
    this.findStudy = db.prepare(`SELECT id, ${STUDY_FILL.join(', ')} FROM studies WHERE study_instance_uid = ?`);
    this.findSeries = db.prepare(`SELECT id, study_ref, ${SERIES_FILL.join(', ')} FROM series WHERE series_instance_uid = ?`);
    this.insertPatient = db.prepare('INSERT INTO patients (patient_key, patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?, ?)');
    this.insertStudy = db.prepare(`
      INSERT INTO studies (study_instance_uid, patient_ref, accession_number, study_id, study_date, study_time,
        study_description, referring_physician, institution_name, body_part, imported_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertSeries = db.prepare(`
      INSERT INTO series (series_instance_uid, study_ref, sop_class_uid, modality, series_number, series_description,
        body_part, frame_of_reference_uid, manufacturer, rows, columns, pixel_spacing, slice_thickness, image_orientation)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertInstance = db.prepare(`
      INSERT INTO instances (sop_instance_uid, sop_class_uid, series_ref, instance_number, transfer_syntax_uid,
        file_hash, file_size, rows, columns, number_of_frames, image_position, image_orientation, pixel_spacing,
        slice_location, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.countSeries = db.prepare(
      'UPDATE series SET number_of_instances = (SELECT count(*) FROM instances WHERE series_ref = series.id) WHERE id = ?',
    );
    this.studyModalities = db.prepare("SELECT DISTINCT modality FROM series WHERE study_ref = ? AND modality <> ''");
    this.countStudy = db.prepare(`
      UPDATE studies SET
        modalities = ?,
        updated_at = ?,
        number_of_series = (SELECT count(*) FROM series WHERE study_ref = studies.id),
        number_of_instances = (SELECT count(*) FROM instances i JOIN series s ON i.series_ref = s.id WHERE s.study_ref = studies.id)
      WHERE id = ?`);
    // IMMEDIATE: take the write lock at BEGIN, so a concurrent writer waits (busy_timeout)
    // instead of failing half-way through the batch.
    const transaction = db.transaction((records: readonly StoredInstance[]) => this.writeAll(records));
    this.runBatch = (records) => transaction.immediate(records);
  }

  /** Writes one batch atomically: either every row of the batch is visible, or none. */
  write(records: readonly StoredInstance[]): BatchResult {
    return this.runBatch(records);
  }

  private writeAll(records: readonly StoredInstance[]): BatchResult {
    const now = new Date().toISOString();
    const outcomes: WriteOutcome[] = [];
    const referencedConflictHashes: string[] = [];
    const touchedSeries = new Set<number>();
    const touchedStudies = new Set<number>();
    for (const record of records) {
      const p = record.parsed;
      const existing = this.findInstance.get(p.sopInstanceUID);
      if (existing) {
        if (existing.file_hash === record.fileHash) {
          outcomes.push('duplicate');
        } else {
          outcomes.push('conflict');
          if ((this.hashReferenced.get(record.fileHash)?.n ?? 0) > 0) referencedConflictHashes.push(record.fileHash);
        }
        continue;
      }
      const patientId = this.patientRow(p);
      const studyId = this.studyRow(p, patientId, now);
      const seriesId = this.seriesRow(p, studyId);
      this.insertInstance.run(
        p.sopInstanceUID, p.sopClassUID, seriesId, integer(p.instanceNumber), p.transferSyntaxUID, record.fileHash,
        record.fileSize, integer(p.rows), integer(p.columns), integer(p.numberOfFrames), json(p.imagePositionPatient),
        json(p.imageOrientationPatient), json(p.pixelSpacing), real(p.sliceLocation), now,
      );
      touchedSeries.add(seriesId);
      touchedStudies.add(studyId);
      outcomes.push('added');
    }
    for (const id of touchedSeries) this.countSeries.run(id);
    for (const id of touchedStudies) {
      const modalities = this.studyModalities.all(id).map((r) => r.modality).sort().join('\\');
      this.countStudy.run(modalities, now, id);
    }
    return { outcomes, referencedConflictHashes };
  }

  private patientRow(p: ParsedInstance): number {
    const key = patientKey(p);
    const values: Row = { patient_id: p.patientID, patient_name: p.patientName.display, birth_date: p.patientBirthDate, sex: p.patientSex };
    const found = this.findPatient.get(key);
    if (found) return this.fillEmpty('patients', found, values);
    return Number(this.insertPatient.run(key, values.patient_id, values.patient_name, values.birth_date, values.sex).lastInsertRowid);
  }

  private studyRow(p: ParsedInstance, patientId: number, now: string): number {
    const values: Row = {
      accession_number: p.accessionNumber, study_id: p.studyID, study_date: p.studyDate, study_time: p.studyTime,
      study_description: p.studyDescription, referring_physician: p.referringPhysicianName,
      institution_name: p.institutionName, body_part: p.bodyPartExamined,
    };
    const found = this.findStudy.get(p.studyInstanceUID);
    if (found) return this.fillEmpty('studies', found, values);
    return Number(
      this.insertStudy.run(
        p.studyInstanceUID, patientId, ...STUDY_FILL.map((c) => values[c]), now, now,
      ).lastInsertRowid,
    );
  }

  private seriesRow(p: ParsedInstance, studyId: number): number {
    // The geometry summary comes from image instances only (not from an SR or a KOS in the series).
    const image = p.hasPixelData;
    const values: Row = {
      modality: p.modality, series_number: integer(p.seriesNumber), series_description: p.seriesDescription,
      body_part: p.bodyPartExamined, frame_of_reference_uid: p.frameOfReferenceUID, manufacturer: p.manufacturer,
      rows: image ? integer(p.rows) : null, columns: image ? integer(p.columns) : null,
      pixel_spacing: image ? json(p.pixelSpacing) : null, slice_thickness: image ? real(p.sliceThickness) : null,
      image_orientation: image ? json(p.imageOrientationPatient) : null,
    };
    const found = this.findSeries.get(p.seriesInstanceUID);
    if (found) return this.fillEmpty('series', found, values);
    return Number(
      this.insertSeries.run(p.seriesInstanceUID, studyId, p.sopClassUID, ...SERIES_FILL.map((c) => values[c])).lastInsertRowid,
    );
  }

  /** Fills columns that are still empty from a later file; the first non-empty value wins. Returns the row id. */
  private fillEmpty(table: 'patients' | 'studies' | 'series', found: Row, incoming: Row): number {
    const columns = Object.keys(incoming).filter((c) => isEmpty(found[c]) && !isEmpty(incoming[c]));
    const id = Number(found.id);
    if (columns.length === 0) return id;
    const key = `${table}:${columns.join(',')}`;
    let statement = this.updates.get(key);
    if (!statement) {
      statement = this.db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
      this.updates.set(key, statement);
    }
    statement.run(...columns.map((c) => incoming[c]), id);
    return id;
  }
}
