// The worklist status follows a study's AI jobs: `new` → `ai_pending` when a job is queued,
// `ai_pending` → `ai_done` when its last queued or running job ends. The job service calls these
// inside the transaction that changes the job's state, so the status and the jobs table never
// disagree after a crash; the caller announces a change with `studies:changed` (reason "status").
// Migration 0010 applied the same rule once to data folders from before.
//
// Statuses only move forward (new, ai_pending, ai_done, in_review, preliminary, final): each
// UPDATE names the one status it leaves, so a study a reader already opened (in_review) or signed
// stays where it is. A study queued again once it is ai_done stays ai_done; the worklist AI column
// shows the new job's progress.
import type { Database } from '../store/database';

export interface StudyAiStatus {
  /** After a job of the study was queued: `new` → `ai_pending`. True when the status changed. */
  jobQueued(studyInstanceUID: string): boolean;
  /**
   * After a job of the study ended (done, failed or cancelled): `ai_pending` → `ai_done` once no
   * job of the study is queued or running. "AI done" means the AI has nothing left to do, not that
   * it succeeded: a study whose every job failed is ai_done too, and its AI column shows the failure,
   * so the reader is not left waiting on a filter that never empties. True when the status changed.
   */
  jobEnded(studyInstanceUID: string): boolean;
}

export function createStudyAiStatus(db: Database): StudyAiStatus {
  const queued = db.prepare<[string, string]>(`UPDATE studies SET status = 'ai_pending', updated_at = ? WHERE study_instance_uid = ? AND status = 'new'`);
  // jobs_by_study (migration 0006) serves the NOT EXISTS lookup.
  const ended = db.prepare<[string, string, string]>(
    `UPDATE studies SET status = 'ai_done', updated_at = ?
      WHERE study_instance_uid = ? AND status = 'ai_pending'
        AND NOT EXISTS (SELECT 1 FROM jobs WHERE study_instance_uid = ? AND state IN ('queued', 'running'))`,
  );
  return {
    jobQueued: (studyInstanceUID) => queued.run(new Date().toISOString(), studyInstanceUID).changes > 0,
    jobEnded: (studyInstanceUID) => ended.run(new Date().toISOString(), studyInstanceUID, studyInstanceUID).changes > 0,
  };
}
