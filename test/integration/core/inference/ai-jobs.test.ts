// The AI job service end to end on a real data folder: a real head CT (../shared, 28 slices)
// imported through the core, the real tissue-gwm weights built into a package, the model run
// in the inference worker thread by ONNX Runtime. The CT-accepting packages are TEST VARIANTS:
// tissue-gwm's files with an edited manifest (new id, `accepts` CT), because ../shared has no
// T1 brain; their labels on CT mean nothing, the tests only check the job machinery. To keep
// the runs short the variants conform to 128³ at 2 mm and skip the flip test.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { createJobStore } from '../../../../electron/core/inference/jobs/job-store';
import { onnxRuntimeInfo } from '../../../../electron/core/inference/runtime/onnx-runtime';
import { openDatabase } from '../../../../electron/core/store/database';
import type { AiJob } from '../../../../electron/shared/ai-jobs';
import type { EventName, PayloadOf } from '../../../../electron/shared/contract';
import type { ModelManifest } from '../../../../electron/shared/model-manifest';
import { buildPackage } from '../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { importInto } from '../import/import-into';

type Recorded = { event: EventName; payload: PayloadOf<EventName> };

function variant(source: string, out: string, edit: (m: ModelManifest) => void): string {
  cpSync(source, out, { recursive: true });
  const file = path.join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ModelManifest;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return out;
}

function ctVariant(m: ModelManifest, id: string): void {
  m.id = id;
  m.accepts = { modalities: ['CT'], bodyPartOptional: true, sequenceHints: [], contrasts: ['CT'], requires3d: true };
  m.experimental = false;
  m.enabledByDefault = true;
  m.preprocessing = m.preprocessing.map((s) => (s.op === 'conform' ? { ...s, size: 128, spacingMm: 2 } : s));
  m.thresholds = {};
}

function waitFor(core: Core, test: (r: Recorded) => boolean): Promise<Recorded> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      const r = { event, payload } as Recorded;
      if (test(r)) {
        stop();
        resolve(r);
      }
    });
  });
}

describe.skipIf(!HAS_SHARED)(`AI jobs${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-jobs-');
  const packages: Record<string, string> = {};

  beforeAll(() => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.id === 'tissue-gwm');
    if (!def) throw new Error('tissue-gwm definition missing');
    const built = buildPackage(def, SHARED_MODELS, path.join(temp.dir, 'built')).dir;
    packages.ct = variant(built, path.join(temp.dir, 'ct'), (m) => ctVariant(m, 'tissue-ct-test'));
    packages.ct2 = variant(built, path.join(temp.dir, 'ct2'), (m) => ctVariant(m, 'tissue-ct-test-b'));
    packages.mr = variant(built, path.join(temp.dir, 'mr'), (m) => {
      m.id = 'tissue-mr-test';
      m.enabledByDefault = true;
      m.accepts = { ...m.accepts, minDims: undefined };
    });
    packages.dependent = variant(built, path.join(temp.dir, 'dep'), (m) => {
      ctVariant(m, 'tissue-ct-dependent-test');
      m.enabledByDefault = false;
      m.dependsOn = ['brain-mask-not-installed'];
    });
    packages.experimental = variant(built, path.join(temp.dir, 'exp'), (m) => {
      ctVariant(m, 'tissue-ct-experimental-test');
      m.experimental = true;
      m.enabledByDefault = false;
    });
  }, 60_000);
  afterAll(() => temp.remove());

  it('orders the queue STAT, urgent, routine, then oldest first (real SQLite)', () => {
    const db = openDatabase(path.join(temp.dir, 'order.sqlite'));
    try {
      const store = createJobStore(db);
      const job = (series: string, priority: 'stat' | 'urgent' | 'routine', at: string) =>
        store.enqueue({ seriesInstanceUID: series, studyInstanceUID: '1.2', modelId: 'm', modelVersion: '1.0.0', modelSha256: 'a'.repeat(64), priority }, at).job.id;
      const a = job('1.1', 'routine', '2026-01-01T00:00:01Z');
      const b = job('1.2', 'stat', '2026-01-01T00:00:03Z');
      const c = job('1.3', 'urgent', '2026-01-01T00:00:02Z');
      const d = job('1.4', 'stat', '2026-01-01T00:00:02Z');
      const e = job('1.5', 'routine', '2026-01-01T00:00:00Z');
      const order: number[] = [];
      for (let j = store.claimNext('t'); j; j = store.claimNext('t')) order.push(j.id);
      expect(order).toEqual([d, b, c, e, a]);
    } finally {
      db.close();
    }
  });

  it('auto-runs eligible series after an import, not the others, and reports the provider', async () => {
    const data = path.join(temp.dir, 'auto');
    const core = createCore({ dataDir: data, host: 'web' });
    try {
      for (const key of ['ct', 'mr', 'experimental']) core.models.install(packages[key] as string);
      const finished = waitFor(core, (r) => r.event === 'ai:jobFinished');
      const started = await core.dispatch('import:start', { paths: [sharedData('ct-head-gantry-tilt')] });
      expect(started.ok).toBe(true);
      const end = (await finished).payload as PayloadOf<'ai:jobFinished'>;
      await core.jobs.idle();
      const jobs = core.jobs.list();
      // Only the CT variant matches the CT series; the MR variant and the (disabled) experimental one are not queued.
      expect(jobs.map((j) => j.modelId)).toEqual(['tissue-ct-test']);
      const job = jobs[0] as AiJob;
      expect(end).toMatchObject({ jobId: job.id, state: 'done', errorCode: null });
      expect(job.state).toBe('done');
      expect(job.provider).toBe(onnxRuntimeInfo().executionProviders[0]);
      expect(onnxRuntimeInfo().executionProviders).toContain('cpu');
      const result = job.result;
      if (!result) throw new Error('no result');
      // The job points at its stored analysis: a label map on the CT's own grid, written as NIfTI.
      expect(result).toMatchObject({ analysisId: job.id, outputCount: 1 });
      const analysis = core.jobs.analyses.get(job.id);
      expect(analysis).toMatchObject({ analysisId: job.id, provider: job.provider, model: { id: 'tissue-ct-test', sha256: job.modelSha256 } });
      expect(analysis?.findings).toHaveLength(result.findingCount);
      for (const f of analysis?.findings ?? []) expect(['White Matter', 'Grey Matter']).toContain(f.label);
      expect(existsSync(path.join(data, analysis?.outputs[0]?.path ?? 'missing'))).toBe(true);

      // De-duplication: the same request returns the done job; through the dispatcher too.
      const again = await core.dispatch('ai:enqueue', { seriesInstanceUID: job.seriesInstanceUID, modelId: 'tissue-ct-test' });
      expect(again).toMatchObject({ ok: true, value: { id: job.id, state: 'done' } });
      const listed = await core.dispatch('ai:jobs', { studyInstanceUID: job.studyInstanceUID });
      expect(listed.ok && (listed.value as AiJob[]).length).toBe(1);
      const bad = await core.dispatch('ai:enqueue', { seriesInstanceUID: '../etc', modelId: 'tissue-ct-test' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      const unknown = await core.dispatch('ai:enqueue', { seriesInstanceUID: job.seriesInstanceUID, modelId: 'not-installed' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      // An ineligible series (MR model, CT series) is refused with the reason.
      const ineligible = await core.dispatch('ai:enqueue', { seriesInstanceUID: job.seriesInstanceUID, modelId: 'tissue-mr-test' });
      expect(ineligible).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', message: expect.stringContaining('the modality is CT') } });
      // A model whose dependsOn package is missing is refused, naming the package to install.
      core.models.install(packages.dependent as string);
      const dependent = await core.dispatch('ai:enqueue', { seriesInstanceUID: job.seriesInstanceUID, modelId: 'tissue-ct-dependent-test' });
      expect(dependent).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('"brain-mask-not-installed"') } });
      // Experimental models run only after the user turns them on (a preference, off by default).
      const experimental = { seriesInstanceUID: job.seriesInstanceUID, modelId: 'tissue-ct-experimental-test' };
      expect(await core.dispatch('ai:enqueue', experimental)).toMatchObject({ ok: false, error: { code: 'EXPERIMENTAL_DISABLED' } });
      expect(await core.dispatch('prefs:set', { aiExperimental: true })).toMatchObject({ ok: true, value: { aiExperimental: true } });
      const allowed = await core.dispatch('ai:enqueue', experimental);
      if (!allowed.ok) throw new Error(allowed.error.message);
      core.jobs.cancel((allowed.value as AiJob).id);
      await core.jobs.idle();
    } finally {
      await core.close();
    }
  }, 60_000);

  it('cancels queued jobs at once and running ones best effort; the event loop keeps ticking during a run', async () => {
    const data = path.join(temp.dir, 'cancel');
    await importInto(data, [sharedData('ct-head-gantry-tilt')]);
    const core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    try {
      core.models.install(packages.ct as string);
      core.models.install(packages.ct2 as string);
      const series = (core.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;

      // Heartbeat: count timer ticks between "volume loaded" (progress 0.05) and the job's end.
      let ticks = 0;
      let counting = false;
      const timer = setInterval(() => {
        if (counting) ticks++;
      }, 2);
      const stop = core.events.subscribe((event, payload) => {
        if (event === 'ai:jobProgress' && (payload as PayloadOf<'ai:jobProgress'>).progress === 0.05) counting = true;
        if (event === 'ai:jobFinished') counting = false;
      });
      const first = core.jobs.enqueue(series, 'tissue-ct-test');
      const second = core.jobs.enqueue(series, 'tissue-ct-test-b', 'routine');
      // The first is running (or about to); the second is still queued and is cancelled at once.
      const cancelled = core.jobs.cancel(second.id);
      expect(cancelled.state).toBe('cancelled');
      expect(core.jobs.enqueue(series, 'tissue-ct-test').id).toBe(first.id);
      await core.jobs.idle();
      clearInterval(timer);
      stop();
      expect(core.jobs.store.get(first.id)).toMatchObject({ state: 'done' });
      expect(core.jobs.store.get(second.id)).toMatchObject({ state: 'cancelled', result: null, startedAt: null });
      expect(ticks).toBeGreaterThanOrEqual(3);

      // Running cancel: cancel when the volume is loaded; the model's result is discarded.
      const third = core.jobs.enqueue(series, 'tissue-ct-test-b');
      expect(third.id).not.toBe(second.id);
      await waitFor(core, (r) => r.event === 'ai:jobProgress' && (r.payload as PayloadOf<'ai:jobProgress'>).progress === 0.05);
      expect(core.jobs.cancel(third.id).state).toBe('cancelled');
      await core.jobs.idle();
      expect(core.jobs.store.get(third.id)).toMatchObject({ state: 'cancelled', result: null });
    } finally {
      await core.close();
    }
  }, 60_000);

  it('re-queues jobs left queued or running by a previous run and completes them', async () => {
    const data = path.join(temp.dir, 'restart');
    await importInto(data, [sharedData('ct-head-gantry-tilt')]);
    const before = createCore({ dataDir: data, host: 'cli' });
    let id = 0;
    try {
      before.models.install(packages.ct as string);
      const series = (before.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;
      id = before.jobs.enqueue(series, 'tissue-ct-test', 'stat').id;
      // Simulate a crash mid-run: the job is claimed (running) and the process goes away.
      expect(before.jobs.store.claimNext(new Date().toISOString())?.state).toBe('running');
    } finally {
      await before.close();
    }
    const after = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    try {
      expect(after.jobs.recovered).toBe(1);
      await after.jobs.idle();
      expect(after.jobs.store.get(id)).toMatchObject({ state: 'done', priority: 'stat' });
    } finally {
      await after.close();
    }
  }, 60_000);
});
