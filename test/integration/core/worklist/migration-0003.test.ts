// Migration 0003 on a database that already holds studies (schema 2): patient fields copied,
// search index, CJK grams and modality table back-filled; new rows maintained by triggers.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { listStudies } from '../../../../electron/core/worklist/worklist-query';
import { worklistQuerySchema } from '../../../../electron/shared/studies';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0003 (worklist)', () => {
  const temp = makeTempDir('yingdu-m3-');
  afterAll(() => temp.remove());
  const file = path.join(temp.dir, 'yingdu.sqlite');

  it('back-fills studies written under schema 2', () => {
    const v2 = openDatabase(file, { targetVersion: 2 });
    expect(schemaVersion(v2)).toBe(2);
    v2.prepare(`INSERT INTO patients(patient_key, patient_id, patient_name, sex, birth_date) VALUES ('k', 'ID9', 'ZHAO^MIN=赵敏', 'F', '19700101')`).run();
    v2.prepare(
      `INSERT INTO studies(study_instance_uid, patient_ref, accession_number, modalities, imported_at, updated_at) VALUES ('1.9', 1, 'ACC-77', 'CT\\MR', 'x', 'x')`,
    ).run();
    v2.prepare(`INSERT INTO series(series_instance_uid, study_ref, modality) VALUES ('1.9.1', 1, 'CT'), ('1.9.2', 1, 'MR')`).run();
    v2.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT patient_name, patient_id, patient_sex, patient_birth_date FROM studies').get()).toEqual({
      patient_name: 'ZHAO^MIN=赵敏',
      patient_id: 'ID9',
      patient_sex: 'F',
      patient_birth_date: '19700101',
    });
    const find = (q: object) => listStudies(db, worklistQuerySchema.parse(q)).total;
    expect(find({ search: '赵' })).toBe(1);
    expect(find({ search: 'zhao min' })).toBe(1);
    expect(find({ search: 'acc-7' })).toBe(1);
    expect(find({ modality: 'MR' })).toBe(1);
    expect(find({ modality: 'US' })).toBe(0);

    // Triggers keep the modality table in step with series edits and deletions.
    db.prepare(`UPDATE series SET modality = 'US' WHERE series_instance_uid = '1.9.2'`).run();
    expect(find({ modality: 'MR' })).toBe(0);
    expect(find({ modality: 'US' })).toBe(1);
    db.prepare(`DELETE FROM series WHERE series_instance_uid = '1.9.2'`).run();
    expect(find({ modality: 'US' })).toBe(0);
    expect(find({ modality: 'CT' })).toBe(1);
    db.prepare('DELETE FROM series').run();
    db.prepare('DELETE FROM studies').run();
    expect(find({ search: '赵' })).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM study_cjk_grams').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
