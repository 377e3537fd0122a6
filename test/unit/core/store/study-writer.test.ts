// The study writer on a real SQLite file with the real migrations (incl. the worklist triggers):
// upserts, counts, modalities, geometry summary, duplicates vs conflicts, and that a re-import
// never resets what the reader set (priority, status, read flag).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedInstance } from '../../../../electron/core/dicom/parsed-instance';
import { type Database, openDatabase } from '../../../../electron/core/store/database';
import { patientKey, type StoredInstance, StudyWriter } from '../../../../electron/core/store/study-writer';
import { makeTempDir } from '../../../support/temp-dir';

function instance(overrides: Partial<ParsedInstance> = {}): ParsedInstance {
  return {
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUID: '1.2.3.4.1',
    inferredTransferSyntax: false,
    specificCharacterSet: ['ISO_IR 192'],
    patientName: { display: '王^小明', alphabetic: 'Wang^Xiaoming', ideographic: '王^小明', phonetic: '' },
    patientID: 'P001',
    issuerOfPatientID: '',
    patientBirthDate: '19700101',
    patientSex: 'M',
    studyInstanceUID: '1.2.3',
    studyDate: '20240102',
    studyTime: '101500',
    studyDescription: 'CT CHEST',
    studyID: '1',
    accessionNumber: 'A1',
    referringPhysicianName: '',
    institutionName: '',
    seriesInstanceUID: '1.2.3.4',
    modality: 'CT',
    seriesNumber: 2,
    seriesDescription: 'Lung 1mm',
    bodyPartExamined: 'CHEST',
    frameOfReferenceUID: '1.2.3.9',
    manufacturer: 'SIEMENS',
    instanceNumber: 1,
    rows: 512,
    columns: 512,
    numberOfFrames: null,
    bitsAllocated: 16,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    imagePositionPatient: [-200, -200, 10],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [0.7, 0.7],
    sliceThickness: 1,
    sliceLocation: 10,
    hasPixelData: true,
    ...overrides,
  };
}

const stored = (parsed: ParsedInstance, hash = parsed.sopInstanceUID.replace(/\D/g, '').padEnd(64, 'a')): StoredInstance => ({
  parsed,
  fileHash: hash,
  fileSize: 1000,
});

describe('StudyWriter', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let writer: StudyWriter;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(path.join(temp.dir, 'y.sqlite'));
    writer = new StudyWriter(db);
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  const study = () => db.prepare('SELECT * FROM studies').get() as Record<string, unknown>;

  it('creates patient, study, series and instances with counts, modalities and a geometry summary', () => {
    const result = writer.write([
      stored(instance()),
      stored(instance({ sopInstanceUID: '1.2.3.4.2', instanceNumber: 2 })),
      stored(instance({ seriesInstanceUID: '1.2.3.5', sopInstanceUID: '1.2.3.5.1', modality: 'SR', hasPixelData: false, rows: null, columns: null })),
    ]);
    expect(result.outcomes).toEqual(['added', 'added', 'added']);
    expect(study()).toMatchObject({ number_of_series: 2, number_of_instances: 3, modalities: 'CT\\SR', study_description: 'CT CHEST' });
    const series = db.prepare('SELECT * FROM series ORDER BY series_instance_uid').all() as Record<string, unknown>[];
    expect(series[0]).toMatchObject({ modality: 'CT', number_of_instances: 2, rows: 512, pixel_spacing: '[0.7,0.7]', image_orientation: '[1,0,0,0,1,0]' });
    expect(series[1]).toMatchObject({ modality: 'SR', number_of_instances: 1, rows: null, pixel_spacing: null });
    expect(db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
  });

  it('keeps priority, status and read flag when the same study is imported again or grows', () => {
    writer.write([stored(instance())]);
    db.prepare("UPDATE studies SET priority = 'stat', status = 'in_review', is_read = 1").run();
    const again = writer.write([stored(instance()), stored(instance({ sopInstanceUID: '1.2.3.4.2' }))]);
    expect(again.outcomes).toEqual(['duplicate', 'added']);
    expect(study()).toMatchObject({ priority: 'stat', status: 'in_review', is_read: 1, number_of_instances: 2 });
  });

  it('fills empty descriptive fields from later files but never overwrites a value', () => {
    writer.write([stored(instance({ studyDescription: '', institutionName: '' }))]);
    writer.write([stored(instance({ sopInstanceUID: '1.2.3.4.2', studyDescription: 'CT CHEST', institutionName: 'First Hospital' }))]);
    writer.write([stored(instance({ sopInstanceUID: '1.2.3.4.3', studyDescription: 'OTHER', institutionName: 'Other' }))]);
    expect(study()).toMatchObject({ study_description: 'CT CHEST', institution_name: 'First Hospital' });
  });

  it('reports a different file with a stored SOP Instance UID as a conflict and keeps the stored row', () => {
    writer.write([stored(instance(), 'a'.repeat(64))]);
    const result = writer.write([stored(instance({ seriesDescription: 'tampered' }), 'b'.repeat(64))]);
    expect(result).toEqual({ outcomes: ['conflict'], referencedConflictHashes: [] });
    expect(db.prepare('SELECT file_hash FROM instances').all()).toEqual([{ file_hash: 'a'.repeat(64) }]);
  });

  it('classifies a SOP Instance UID repeated inside one batch against the row written earlier in it', () => {
    const result = writer.write([stored(instance(), 'a'.repeat(64)), stored(instance(), 'a'.repeat(64)), stored(instance(), 'c'.repeat(64))]);
    expect(result.outcomes).toEqual(['added', 'duplicate', 'conflict']);
  });

  it('rolls the whole batch back when one row fails', () => {
    const bad = instance({ sopInstanceUID: '1.2.3.4.9' });
    // A NULL SOP Class UID violates NOT NULL: the batch must leave no trace.
    (bad as { sopClassUID: unknown }).sopClassUID = null;
    expect(() => writer.write([stored(instance()), stored(bad)])).toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM instances').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM studies').get()).toEqual({ n: 0 });
  });

  it('groups patients by issuer-qualified PatientID, or by name and birth date without an ID', () => {
    expect(patientKey(instance())).not.toBe(patientKey(instance({ issuerOfPatientID: 'HOSP2' })));
    expect(patientKey(instance({ patientID: '' }))).toBe(patientKey(instance({ patientID: '', sopInstanceUID: '9' })));
    expect(patientKey(instance({ patientID: '' }))).not.toBe(patientKey(instance({ patientID: '', patientBirthDate: '19800101' })));
  });
});
