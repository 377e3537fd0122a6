// The jobs table (migration 0006): the persistent AI queue. Every state change is one SQL
// statement, so a crash leaves each job in exactly one state; `recover()` re-queues what was
// queued or running when the app stopped.
import type { AiJob, JobPriority, JobResult, JobState } from '../../../shared/ai-jobs';
import type { Database } from '../../store/database';

interface JobRow {
  id: number;
  series_instance_uid: string;
  study_instance_uid: string;
  model_id: string;
  model_version: string;
  model_sha256: string;
  priority: JobPriority;
  state: JobState;
  progress: number;
  provider: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
}

function toJob(row: JobRow): AiJob {
  return {
    id: row.id,
    seriesInstanceUID: row.series_instance_uid,
    studyInstanceUID: row.study_instance_uid,
    modelId: row.model_id,
    modelVersion: row.model_version,
    modelSha256: row.model_sha256,
    priority: row.priority,
    state: row.state,
    progress: row.progress,
    provider: row.provider,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result === null ? null : (JSON.parse(row.result) as JobResult),
  };
}

/** What a caller gives to queue a job; the store fills in the id, state, progress and times. */
export type NewJob = Pick<AiJob, 'seriesInstanceUID' | 'studyInstanceUID' | 'modelId' | 'modelVersion' | 'modelSha256' | 'priority'>;

export interface JobStore {
  get(id: number): AiJob | null;
  /** The existing queued, running or done job for this series and model version, else a new queued one. */
  enqueue(job: NewJob, now: string): { job: AiJob; created: boolean };
  /** Claims one job by id if it is still queued (marks it running), else null. */
  claim(id: number, now: string): AiJob | null;
  /** Claims the next queued job (marks it running), or null when the queue is empty. */
  claimNext(now: string): AiJob | null;
  setProgress(id: number, value: number): boolean;
  /** Records the end of a running job; false when it is no longer running (cancelled meanwhile). */
  finish(id: number, end: JobEnd, now: string): boolean;
  cancel(id: number, now: string): boolean;
  /** At startup: jobs left queued or running by the last run go back to the queue. */
  recover(): number;
  list(studyInstanceUID?: string): AiJob[];
}

export interface JobEnd {
  state: 'done' | 'failed';
  provider: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  result: JobResult | null;
}

// STAT before urgent before routine, then oldest first (id breaks ties within one millisecond).
const QUEUE_ORDER = `CASE priority WHEN 'stat' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, created_at, id`;

export function createJobStore(db: Database): JobStore {
  const byId = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const live = db.prepare<[string, string, string], JobRow>(
    `SELECT * FROM jobs WHERE series_instance_uid = ? AND model_id = ? AND model_version = ?
       AND state IN ('queued', 'running', 'done') ORDER BY id DESC LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, created_at)
     VALUES (@seriesInstanceUID, @studyInstanceUID, @modelId, @modelVersion, @modelSha256, @priority, 'queued', @createdAt)`,
  );
  const next = db.prepare<[], JobRow>(`SELECT * FROM jobs WHERE state = 'queued' ORDER BY ${QUEUE_ORDER} LIMIT 1`);
  const start = db.prepare<[string, number]>(`UPDATE jobs SET state = 'running', progress = 0, started_at = ? WHERE id = ? AND state = 'queued'`);
  const progress = db.prepare<[number, number]>(`UPDATE jobs SET progress = ? WHERE id = ? AND state = 'running'`);
  const finish = db.prepare(
    `UPDATE jobs SET state = @state, progress = @progress, provider = @provider, error_code = @errorCode, error_message = @errorMessage,
       finished_at = @finishedAt, result = @result WHERE id = @id AND state = 'running'`,
  );
  const cancel = db.prepare<[string, number]>(
    `UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state IN ('queued', 'running')`,
  );
  const recover = db.prepare(`UPDATE jobs SET state = 'queued', progress = 0, started_at = NULL WHERE state IN ('queued', 'running')`);
  const all = db.prepare<[], JobRow>('SELECT * FROM jobs ORDER BY id DESC');
  const ofStudy = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE study_instance_uid = ? ORDER BY id DESC');

  return {
    get: (id: number): AiJob | null => {
      const row = byId.get(id);
      return row ? toJob(row) : null;
    },
    enqueue: db.transaction((job: NewJob, now: string): { job: AiJob; created: boolean } => {
      const existing = live.get(job.seriesInstanceUID, job.modelId, job.modelVersion);
      if (existing) return { job: toJob(existing), created: false };
      const id = Number(insert.run({ ...job, createdAt: now }).lastInsertRowid);
      return { job: toJob(byId.get(id) as JobRow), created: true };
    }),
    claim: db.transaction((id: number, now: string): AiJob | null => {
      if (start.run(now, id).changes === 0) return null;
      return toJob(byId.get(id) as JobRow);
    }),
    claimNext: db.transaction((now: string): AiJob | null => {
      const row = next.get();
      if (!row) return null;
      start.run(now, row.id);
      return toJob(byId.get(row.id) as JobRow);
    }),
    setProgress: (id: number, value: number) => progress.run(value, id).changes > 0,
    finish: (id: number, end: JobEnd, now: string) =>
      finish.run({
        id,
        state: end.state,
        progress: end.state === 'done' ? 1 : 0,
        provider: end.provider,
        errorCode: end.errorCode,
        errorMessage: end.errorMessage,
        finishedAt: now,
        result: end.result === null ? null : JSON.stringify(end.result),
      }).changes > 0,
    cancel: (id: number, now: string) => cancel.run(now, id).changes > 0,
    recover: () => recover.run().changes,
    list: (studyInstanceUID?: string): AiJob[] => (studyInstanceUID ? ofStudy.all(studyInstanceUID) : all.all()).map(toJob),
  };
}
