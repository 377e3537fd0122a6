// The AI side of worklist rows: each page's studies get their jobs (state, progress) from the
// jobs table and their triage flags from `studies.ai_flags` (migration 0008), which is rewritten
// from the study's stored analyses whenever one of its jobs finishes. Two indexed lookups per
// page of at most 1,000 rows; the page query itself stays a scan of one index.
import { createAnalysisStore } from '../inference/jobs/analysis-store';
import { evaluateTriage } from '../inference/triage/triage-evaluate';
import type { JobState } from '../../shared/ai-jobs';
import type { EventBus } from '../../shared/event-bus';
import type { WorklistRow } from '../../shared/studies';
import { type StudyAiSummary, summarizeJobs, type TriageFlag } from '../../shared/study-ai';
import type { Database } from '../store/database';

/** SQLite's default limit on host parameters is far above this; pages are at most 1,000 rows. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

/** Adds `ai` to the rows that have jobs or flags (in place, returns the rows). */
export function attachAiSummaries(db: Database, rows: WorklistRow[]): WorklistRow[] {
  if (rows.length === 0) return rows;
  const jobs = new Map<string, StudyAiSummary['jobs']>();
  const flags = new Map<string, TriageFlag[]>();
  for (const part of chunks(rows.map((r) => r.studyInstanceUID))) {
    const marks = part.map(() => '?').join(', ');
    const jobRows = db
      .prepare(`SELECT id, study_instance_uid AS uid, state, progress FROM jobs WHERE study_instance_uid IN (${marks}) AND state <> 'cancelled' ORDER BY id`)
      .all(...part) as { id: number; uid: string; state: JobState; progress: number }[];
    for (const j of jobRows) jobs.set(j.uid, [...(jobs.get(j.uid) ?? []), { id: j.id, state: j.state, progress: j.progress }]);
    const flagRows = db
      .prepare(`SELECT study_instance_uid AS uid, ai_flags AS flags FROM studies WHERE study_instance_uid IN (${marks}) AND ai_flagged = 1`)
      .all(...part) as { uid: string; flags: string }[];
    for (const f of flagRows) flags.set(f.uid, JSON.parse(f.flags) as TriageFlag[]);
  }
  for (const row of rows) {
    const studyJobs = jobs.get(row.studyInstanceUID) ?? [];
    const studyFlags = flags.get(row.studyInstanceUID) ?? [];
    if (studyJobs.length === 0 && studyFlags.length === 0) continue;
    row.ai = { ...summarizeJobs(studyJobs), jobs: studyJobs, flags: studyFlags };
  }
  return rows;
}

/** Re-evaluates the triage rules on every stored analysis of a study and stores the flags. */
export function refreshStudyTriage(db: Database, studyInstanceUID: string): TriageFlag[] {
  const flags = evaluateTriage(createAnalysisStore(db).list({ studyInstanceUID }));
  db.prepare('UPDATE studies SET ai_flags = ? WHERE study_instance_uid = ?').run(JSON.stringify(flags), studyInstanceUID);
  return flags;
}

/**
 * Keeps the flags current: when a job of a study ends done, its analysis is stored, so the
 * study's flags are recomputed and the worklist told (`studies:changed`, reason "ai").
 */
export function watchTriage(db: Database, events: EventBus): () => void {
  return events.subscribe((event, payload) => {
    if (event !== 'ai:jobFinished') return;
    const finished = payload as { state: JobState; studyInstanceUID: string };
    if (finished.state !== 'done') return;
    refreshStudyTriage(db, finished.studyInstanceUID);
    events.emit('studies:changed', { studyInstanceUIDs: [finished.studyInstanceUID], reason: 'ai' });
  });
}
