// Rows of migration 0009: reader profiles, the current reader (a preference) and the append-only
// review_events. This module only inserts and selects events; the triggers refuse anything else.
import type { Database } from '../store/database';
import { AppError } from '../../shared/result';
import {
  type RejectReason,
  type ReviewAction,
  type ReviewEvent,
  type UserProfile,
  type UserRole,
} from '../../shared/reports';

interface EventRow {
  id: number;
  study_instance_uid: string;
  reader_id: number;
  reader_name: string;
  reader_role: UserRole;
  at: string;
  action: ReviewAction;
  analysis_id: number | null;
  finding_id: string | null;
  value_before: string | null;
  value_after: string | null;
  reason: RejectReason | null;
  reason_text: string | null;
}

/** An event as appended: everything but the id the table assigns. */
export type NewReviewEvent = Omit<ReviewEvent, 'id'>;

/** Preference keys this module owns in the shared preferences table (JSON values). */
const CURRENT_USER_KEY = 'review.currentUserId';
const PHRASE_LIST_KEY = 'reports.phraseList';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function toEvent(row: EventRow): ReviewEvent {
  return {
    id: row.id,
    studyInstanceUID: row.study_instance_uid,
    reader: { id: row.reader_id, name: row.reader_name, role: row.reader_role },
    at: row.at,
    action: row.action,
    finding: row.finding_id === null ? null : { analysisId: row.analysis_id, findingId: row.finding_id },
    before: row.value_before === null ? null : (JSON.parse(row.value_before) as unknown),
    after: row.value_after === null ? null : (JSON.parse(row.value_after) as unknown),
    reason: row.reason,
    reasonText: row.reason_text,
  };
}

export function createReviewStore(db: Database) {
  const insertUser = db.prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)');
  const selectUsers = db.prepare<[], UserProfile>('SELECT id, name, role, created_at AS createdAt FROM users ORDER BY id');
  const selectUser = db.prepare<[number], UserProfile>('SELECT id, name, role, created_at AS createdAt FROM users WHERE id = ?');
  const selectPref = db.prepare<[string], { value: string }>('SELECT value FROM preferences WHERE key = ?');
  const upsertPref = db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const insertEvent = db.prepare(
    `INSERT INTO review_events (study_instance_uid, reader_id, reader_name, reader_role, at, action, analysis_id, finding_id,
       value_before, value_after, reason, reason_text)
     VALUES (@study, @readerId, @readerName, @readerRole, @at, @action, @analysisId, @findingId, @before, @after, @reason, @reasonText)`,
  );
  const selectEvents = db.prepare<[string], EventRow>('SELECT * FROM review_events WHERE study_instance_uid = ? ORDER BY id');
  const selectEvent = db.prepare<[number], EventRow>('SELECT * FROM review_events WHERE id = ?');

  const pref = (key: string): unknown => {
    const row = selectPref.get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  };

  return {
    createUser(name: string, role: UserRole, at: string): UserProfile {
      const id = Number(insertUser.run(name.trim(), role, at).lastInsertRowid);
      return selectUser.get(id) as UserProfile;
    },
    users(): UserProfile[] {
      return selectUsers.all();
    },
    user(id: number): UserProfile | null {
      return selectUser.get(id) ?? null;
    },
    currentUser(): UserProfile | null {
      const id = pref(CURRENT_USER_KEY);
      return typeof id === 'number' ? (selectUser.get(id) ?? null) : null;
    },
    setCurrentUser(id: number): UserProfile {
      const user = selectUser.get(id);
      if (!user) throw new AppError('NOT_FOUND', `Reader profile ${id} does not exist. Create it first (Review → Readers).`);
      upsertPref.run(CURRENT_USER_KEY, JSON.stringify(id));
      return user;
    },
    phraseList(): string[] | null {
      const list = pref(PHRASE_LIST_KEY);
      return Array.isArray(list) && list.every((p) => typeof p === 'string') ? list : null;
    },
    setPhraseList(list: readonly string[]): void {
      upsertPref.run(PHRASE_LIST_KEY, JSON.stringify(list));
    },
    append(event: NewReviewEvent): ReviewEvent {
      const id = Number(
        insertEvent.run({
          study: event.studyInstanceUID,
          readerId: event.reader.id,
          readerName: event.reader.name,
          readerRole: event.reader.role,
          at: event.at,
          action: event.action,
          analysisId: event.finding?.analysisId ?? null,
          findingId: event.finding?.findingId ?? null,
          before: json(event.before),
          after: json(event.after),
          reason: event.reason,
          reasonText: event.reasonText,
        }).lastInsertRowid,
      );
      return toEvent(selectEvent.get(id) as EventRow);
    },
    events(studyInstanceUID: string): ReviewEvent[] {
      return selectEvents.all(studyInstanceUID).map(toEvent);
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
