// Migration 0002 (patients, studies, series, instances): STRICT tables, the workflow vocabulary
// enforced by the database itself, unique DICOM UIDs, and foreign keys between the levels.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0002 (studies)', () => {
  const temp = makeTempDir();
  const db = openDatabase(path.join(temp.dir, 'm2.sqlite'), { targetVersion: 2 });
  afterAll(() => {
    db.close();
    temp.remove();
  });
  const now = '2026-11-29T00:00:00Z';

  it('stops at version 2 with STRICT tables', () => {
    expect(schemaVersion(db)).toBe(2);
    for (const table of ['patients', 'studies', 'series', 'instances']) {
      const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql;
      expect(sql, table).toMatch(/\)\s*STRICT$/);
    }
  });

  it('accepts a patient → study → series → instance chain with defaults for workflow fields', () => {
    const patient = db.prepare("INSERT INTO patients (patient_key, patient_id, patient_name) VALUES ('P1', 'P1', '王小明')").run();
    const study = db
      .prepare('INSERT INTO studies (study_instance_uid, patient_ref, imported_at, updated_at) VALUES (?, ?, ?, ?)')
      .run('1.2.3', patient.lastInsertRowid, now, now);
    const series = db.prepare('INSERT INTO series (series_instance_uid, study_ref) VALUES (?, ?)').run('1.2.3.4', study.lastInsertRowid);
    db.prepare(
      'INSERT INTO instances (sop_instance_uid, sop_class_uid, series_ref, transfer_syntax_uid, file_hash, file_size, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run('1.2.3.4.5', '1.2.840.10008.5.1.4.1.1.2', series.lastInsertRowid, '1.2.840.10008.1.2.1', 'ab'.repeat(32), 1024, now);
    expect(db.prepare("SELECT priority, status, is_read FROM studies WHERE study_instance_uid = '1.2.3'").get()).toEqual({
      priority: 'routine',
      status: 'new',
      is_read: 0,
    });
  });

  it('refuses values outside the workflow vocabulary, duplicate UIDs and dangling references', () => {
    const insertStudy = db.prepare(
      'INSERT INTO studies (study_instance_uid, patient_ref, priority, status, imported_at, updated_at) VALUES (?, 1, ?, ?, ?, ?)',
    );
    expect(() => insertStudy.run('9.1', 'asap', 'new', now, now)).toThrow(/CHECK constraint/);
    expect(() => insertStudy.run('9.2', 'stat', 'signed', now, now)).toThrow(/CHECK constraint/);
    expect(() => insertStudy.run('1.2.3', 'stat', 'new', now, now)).toThrow(/UNIQUE constraint/);
    expect(() => db.prepare('INSERT INTO series (series_instance_uid, study_ref) VALUES (?, 999)').run('7.7')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE studies SET is_read = 2 WHERE study_instance_uid = '1.2.3'").run()).toThrow(/CHECK constraint/);
  });
});
