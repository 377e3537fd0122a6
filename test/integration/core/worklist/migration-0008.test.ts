// Migration 0008 on a database that already holds a study (schema 7): the study starts without
// flags, `ai_flags` accepts only a JSON array, and `ai_flagged` follows it.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0008 (study triage)', () => {
  const temp = makeTempDir('yingdu-m8-');
  afterAll(() => temp.remove());
  const file = path.join(temp.dir, 'yingdu.sqlite');

  it('adds empty flags to existing studies and keeps the column a JSON array', () => {
    const v7 = openDatabase(file, { targetVersion: 7 });
    v7.prepare(`INSERT INTO patients(patient_key, patient_id, patient_name) VALUES ('k', 'ID1', 'A')`).run();
    v7.prepare(`INSERT INTO studies(study_instance_uid, patient_ref, imported_at, updated_at) VALUES ('1.8', 1, 'x', 'x')`).run();
    v7.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    expect(db.prepare('SELECT ai_flags, ai_flagged FROM studies').get()).toEqual({ ai_flags: '[]', ai_flagged: 0 });
    expect(() => db.prepare(`UPDATE studies SET ai_flags = '{"a":1}'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE studies SET ai_flags = 'not json'`).run()).toThrow();
    db.prepare(`UPDATE studies SET ai_flags = '[{"rule":"x"}]'`).run();
    expect(db.prepare('SELECT ai_flagged FROM studies').get()).toEqual({ ai_flagged: 1 });
    db.close();
  });
});
