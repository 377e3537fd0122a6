// The worklist status follows a study's AI jobs, through the real job service on a real data
// folder: the WG04 CR radiographs RG2 (hip) and RG3 (tibia) from ../shared imported as two studies,
// TEST MODELS (the fixed top-hat metal detector of test/support/radiograph-test-models.ts, not a
// clinical model, under three ids) run by ONNX Runtime in the inference worker. The CLI host does
// not work the queue, so each test decides when a queued job runs (`runNow`).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import type { AiJob } from '../../../../electron/shared/ai-jobs';
import type { PayloadOf } from '../../../../electron/shared/contract';
import type { ModelManifestInput } from '../../../../electron/shared/model-manifest';
import { type StudyStatus, type WorklistPage, worklistQuerySchema } from '../../../../electron/shared/studies';
import { listStudies } from '../../../../electron/core/worklist/worklist-query';
import { writeTestRadiographPackage } from '../../../support/radiograph-test-models';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { importInto } from '../import/import-into';

const DETECTOR = 'test-metal-detector';
const DETECTOR_B = 'test-metal-detector-b';
/** Installed, queued, then removed before it runs: its job fails (NOT_FOUND). */
const DETECTOR_GONE = 'test-metal-detector-gone';

/** The detector package under another id: same ONNX file, so the same sha256. */
function renamed(source: string, out: string, id: string): string {
  cpSync(source, out, { recursive: true });
  const file = path.join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ModelManifestInput;
  writeFileSync(file, JSON.stringify({ ...manifest, id }, null, 2));
  return out;
}

describe.skipIf(!HAS_SHARED)(`study status follows its AI jobs${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-study-ai-status-');
  const data = path.join(temp.dir, 'data');
  let core: Core;
  const series: Record<'RG2' | 'RG3', { series: string; study: string }> = { RG2: { series: '', study: '' }, RG3: { series: '', study: '' } };
  /** Every `studies:changed` with reason "status", as study UIDs. */
  const statusEvents: string[][] = [];

  const status = (study: string) =>
    core.db.prepare<[string], { status: StudyStatus }>('SELECT status FROM studies WHERE study_instance_uid = ?').get(study)?.status;
  const worklist = (filter?: StudyStatus[]): WorklistPage => listStudies(core.db, worklistQuerySchema.parse(filter ? { status: filter } : {}));
  const run = async (job: AiJob): Promise<AiJob> => (await core.jobs.runNow([job.id]))[0] as AiJob;

  beforeAll(async () => {
    const packages = path.join(temp.dir, 'packages');
    const detector = writeTestRadiographPackage('detector', packages).dir;
    await importInto(data, [sharedData('conformance', 'wg04', 'REF', 'RG2_UNC'), sharedData('conformance', 'wg04', 'REF', 'RG3_UNC')]);
    core = createCore({ dataDir: data, host: 'cli' });
    core.models.install(detector);
    core.models.install(renamed(detector, path.join(packages, DETECTOR_B), DETECTOR_B));
    core.models.install(renamed(detector, path.join(packages, DETECTOR_GONE), DETECTOR_GONE));
    const rows = core.db
      .prepare('SELECT se.series_instance_uid AS series, st.study_instance_uid AS study, se.body_part AS part FROM series se JOIN studies st ON st.id = se.study_ref')
      .all() as Array<{ series: string; study: string; part: string }>;
    for (const row of rows) series[row.part === 'HIP' ? 'RG2' : 'RG3'] = { series: row.series, study: row.study };
    expect(new Set(rows.map((r) => r.study)).size).toBe(2);
    core.events.subscribe((event, payload) => {
      const changed = payload as PayloadOf<'studies:changed'>;
      if (event === 'studies:changed' && changed.reason === 'status') statusEvents.push(changed.studyInstanceUIDs);
    });
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('moves a new study to ai_pending when a job is queued and to ai_done when its last job is done, live', async () => {
    const { series: uid, study } = series.RG2;
    expect(status(study)).toBe('new');
    const first = core.jobs.enqueue(uid, DETECTOR);
    expect(status(study)).toBe('ai_pending');
    expect(statusEvents).toEqual([[study]]);
    // A second job on the same study: already ai_pending, nothing to announce.
    const second = core.jobs.enqueue(uid, DETECTOR_B);
    expect(statusEvents).toHaveLength(1);

    expect(await run(first)).toMatchObject({ state: 'done' });
    // The other job is still queued: the AI is not done with this study yet.
    expect(status(study)).toBe('ai_pending');
    expect(statusEvents).toHaveLength(1);
    expect(await run(second)).toMatchObject({ state: 'done' });
    expect(status(study)).toBe('ai_done');
    expect(statusEvents).toEqual([[study], [study]]);

    // The worklist's "AI done" filter returns it, and the status chips count what each filter gives.
    const aiDone = worklist(['ai_done']);
    expect(aiDone.rows.map((r) => r.studyInstanceUID)).toEqual([study]);
    expect(aiDone.rows[0]?.ai?.state).toBe('done');
    const all = worklist();
    for (const s of ['new', 'ai_pending', 'ai_done'] as const) {
      expect(all.counts.status[s], s).toBe(all.rows.filter((r) => r.status === s).length);
      expect(worklist([s]).total, s).toBe(all.counts.status[s]);
    }
    expect(all.counts.status).toMatchObject({ new: 1, ai_pending: 0, ai_done: 1 });
  }, 60_000);

  it('moves a study whose every job failed to ai_done too; the AI column shows the failure', async () => {
    const { series: uid, study } = series.RG3;
    expect(status(study)).toBe('new');
    const job = core.jobs.enqueue(uid, DETECTOR_GONE);
    expect(status(study)).toBe('ai_pending');
    core.models.remove(DETECTOR_GONE);
    const failed = await run(job);
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'NOT_FOUND' });
    expect(status(study)).toBe('ai_done');
    expect(statusEvents.slice(-2)).toEqual([[study], [study]]);
    const row = worklist(['ai_done']).rows.find((r) => r.studyInstanceUID === study);
    expect(row?.ai?.state).toBe('failed');
    expect(worklist().counts.status).toMatchObject({ new: 0, ai_pending: 0, ai_done: 2 });
  }, 60_000);

  it('never moves a study backwards: in_review stays in_review while a new job is queued, cancelled and done', async () => {
    const { series: uid, study } = series.RG3;
    core.review.createUser('王医生', 'radiologist');
    core.review.act(study, { action: 'set-text', field: 'impression', after: '右胫骨远端非骨化性纤维瘤。' });
    expect(status(study)).toBe('in_review');
    const before = statusEvents.length;

    const cancelled = core.jobs.enqueue(uid, DETECTOR_B);
    expect(status(study)).toBe('in_review');
    expect(core.jobs.cancel(cancelled.id).state).toBe('cancelled');
    expect(status(study)).toBe('in_review');
    // Cancelled jobs are not re-queued by the de-duplication: this is a new job.
    const job = core.jobs.enqueue(uid, DETECTOR_B);
    expect(job.id).not.toBe(cancelled.id);
    expect(status(study)).toBe('in_review');
    expect(await run(job)).toMatchObject({ state: 'done' });
    expect(status(study)).toBe('in_review');
    expect(statusEvents).toHaveLength(before);
  }, 60_000);

  it('moves ai_pending to ai_done when the last queued job is cancelled, and not back when queued again', () => {
    const { series: uid, study } = series.RG2;
    // RG2 is ai_done; set it back to new as a study imported before AI ran would be.
    core.db.prepare(`UPDATE studies SET status = 'new' WHERE study_instance_uid = ?`).run(study);
    core.models.install(renamed(path.join(temp.dir, 'packages', DETECTOR), path.join(temp.dir, 'packages', 'c'), 'test-metal-detector-c'));
    const job = core.jobs.enqueue(uid, 'test-metal-detector-c');
    expect(status(study)).toBe('ai_pending');
    expect(core.jobs.cancel(job.id).state).toBe('cancelled');
    expect(status(study)).toBe('ai_done');
    // Queued again once ai_done, it stays ai_done (statuses only move forward); the AI column shows the job.
    const events = statusEvents.length;
    const again = core.jobs.enqueue(uid, 'test-metal-detector-c');
    expect(again.id).not.toBe(job.id);
    expect(status(study)).toBe('ai_done');
    expect(worklist(['ai_done']).rows.find((r) => r.studyInstanceUID === study)?.ai?.state).toBe('queued');
    core.jobs.cancel(again.id);
    expect(statusEvents).toHaveLength(events);
  });
});
