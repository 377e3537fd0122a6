// Migration 0009 on a real SQLite file: STRICT tables, CHECKs on roles, actions, reasons and JSON,
// and the append-only triggers on review_events.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/database';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 0009 (review)', () => {
  const temp = makeTempDir('yingdu-m0009-');
  const db = openDatabase(path.join(temp.dir, 'yingdu.db'));
  afterAll(() => {
    db.close();
    temp.remove();
  });
  const user = Number(db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Dr Wang', 'radiologist', 'now')").run().lastInsertRowid);
  const insert = (columns: Record<string, unknown>) => {
    const row = { study_instance_uid: '1.2.3', reader_id: user, reader_name: 'Dr Wang', reader_role: 'radiologist', at: 'now', action: 'accept', ...columns };
    const keys = Object.keys(row);
    return db.prepare(`INSERT INTO review_events (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(row);
  };

  it('refuses unknown roles, actions and reasons, a reject without a reason and invalid JSON', () => {
    expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('x', 'admin', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('  ', 'resident', 'now')").run()).toThrow(/CHECK/);
    expect(() => insert({ action: 'delete' })).toThrow(/CHECK/);
    expect(() => insert({ action: 'reject' })).toThrow(/CHECK/);
    expect(() => insert({ action: 'reject', reason: 'looks odd' })).toThrow(/CHECK/);
    expect(() => insert({ action: 'accept', reason: 'vessel' })).toThrow(/CHECK/);
    expect(() => insert({ value_after: '{not json' })).toThrow(/CHECK/);
    expect(() => insert({ reader_id: 999 })).toThrow(/FOREIGN KEY/);
    expect(insert({ action: 'reject', reason: 'vessel', analysis_id: 4, finding_id: 'f1', value_before: '{"disposition":"pending"}' }).changes).toBe(1);
  });

  it('refuses every UPDATE and DELETE of an event', () => {
    const id = Number(insert({ analysis_id: 4, finding_id: 'f2' }).lastInsertRowid);
    expect(() => db.prepare('UPDATE review_events SET reader_name = ? WHERE id = ?').run('someone else', id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM review_events WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(db.prepare('SELECT reader_name FROM review_events WHERE id = ?').get(id)).toEqual({ reader_name: 'Dr Wang' });
  });
});
