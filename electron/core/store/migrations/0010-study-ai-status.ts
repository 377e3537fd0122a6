import type { Migration } from './migration';

// Until this version nothing moved a study's status with its AI jobs, so studies that had jobs
// still read "new". The same rule the job service now applies on every job change
// (electron/core/worklist/study-ai-status.ts), once over the jobs table: a new study with a
// queued or running job is ai_pending, one whose jobs have all ended (done, failed or cancelled)
// is ai_done. Studies a reader already moved on (in_review and later) are left as they are.
export const migration0010: Migration = {
  version: 10,
  name: 'study-ai-status',
  up(db) {
    db.exec(`
      UPDATE studies
         SET status = CASE
               WHEN EXISTS (SELECT 1 FROM jobs j WHERE j.study_instance_uid = studies.study_instance_uid AND j.state IN ('queued', 'running'))
               THEN 'ai_pending' ELSE 'ai_done' END
       WHERE status = 'new'
         AND EXISTS (SELECT 1 FROM jobs j WHERE j.study_instance_uid = studies.study_instance_uid);
    `);
  },
};
