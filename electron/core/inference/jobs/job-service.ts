// The AI job queue: persistent (jobs table), one job at a time in priority order (STAT, urgent,
// routine, then oldest), de-duplicated per (series, model id + version), cancellable, and
// recovered after a restart. The model itself runs in the inference worker thread, so the
// event loop answering the UI only waits on messages. Progress and the end of every job are
// pushed as `ai:jobProgress` / `ai:jobFinished`. Logs carry job ids and model ids, never UIDs.
// The study's worklist status follows its jobs (new → ai_pending → ai_done, worklist/study-ai-status.ts).
import { performance } from 'node:perf_hooks';
import type { AiJob, JobPriority, JobResult } from '../../../shared/ai-jobs';
import type { AnalysisResult } from '../../../shared/ai-results';
import type { EventBus } from '../../../shared/event-bus';
import type { InstalledModel } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import type { Logger } from '../../logging/log';
import type { Database } from '../../store/database';
import { type StudyAiStatus, createStudyAiStatus } from '../../worklist/study-ai-status';
import { announceStudiesChanged } from '../../worklist/studies-changed';
import { loadSeriesVolumes } from '../../volumes/series-volumes';
import { loadSeriesImages } from '../pipelines/image-2d/radiograph-image';
import { checkEligibility, type Eligibility, type EligibilityRule, matchesBValue, type SeriesFacts } from '../models/model-eligibility';
import type { ModelRegistry } from '../models/model-registry';
import { pipelineFor } from '../pipelines/pipeline-registry';
import { InferenceClient } from '../runtime/inference-client';
import { type AnalysisStore, createAnalysisStore } from './analysis-store';
import { type JobStore, createJobStore } from './job-store';
import { createModelRunner, latestInstalled, resolveDependencies } from './model-runner';
import { writeAnalysisOutputs } from './output-writer';
import { SeriesBValues } from './series-b-values';
import { seriesFacts, seriesStudy } from './series-facts';

export interface JobServiceOptions {
  db: Database;
  /** The data folder: analysis outputs go under outputs/analyses/<jobId>/. */
  dataDir: string;
  storeDir: string;
  registry: ModelRegistry;
  events: EventBus;
  logger?: Logger;
  inference?: InferenceClient;
  /** Whether experimental models may run (the user's preference; default: never). */
  experimentalAllowed?: () => boolean;
  /** Start working the queue at once (default true); tests may start it later. */
  autoStart?: boolean;
}

const now = () => new Date().toISOString();

const RULE_NAMES: Record<EligibilityRule, string> = {
  modality: 'the modality',
  bodyPart: 'the body part',
  sliceThickness: 'the slice thickness',
  minDims: 'the image size',
  requires3d: 'the series',
  bValues: 'the b-values',
};

export class JobService {
  readonly store: JobStore;
  /** Finished analyses (migration 0007). */
  readonly analyses: AnalysisStore;
  /** Jobs found queued or running at startup and put back in the queue. */
  readonly recovered: number;
  private readonly inference: InferenceClient;
  private readonly ownsInference: boolean;
  private running: Promise<void> | null = null;
  private started = false;
  private wakeAgain = false;
  private closed = false;
  private runningJob: { id: number; controller: AbortController } | null = null;
  private readonly bValues: SeriesBValues;
  /** The worklist status that follows the jobs (new → ai_pending → ai_done), written in the jobs' transactions. */
  private readonly studyStatus: StudyAiStatus;

  constructor(private readonly options: JobServiceOptions) {
    this.store = createJobStore(options.db);
    this.studyStatus = createStudyAiStatus(options.db);
    this.analyses = createAnalysisStore(options.db);
    this.bValues = new SeriesBValues(options.db, options.storeDir);
    this.recovered = this.store.recover();
    this.ownsInference = !options.inference;
    this.inference = options.inference ?? new InferenceClient();
    if (options.autoStart ?? true) this.start();
  }

  start(): void {
    this.started = true;
    this.pump();
  }

  /** Queues `modelId` (its latest installed version) on a series; returns the existing job when there is one. */
  enqueue(seriesInstanceUID: string, modelId: string, priority?: JobPriority): AiJob {
    const study = seriesStudy(this.options.db, seriesInstanceUID);
    if (!study) throw new AppError('NOT_FOUND', 'That series is not in the data folder; import it first, then run the model.');
    const model = this.latest(modelId);
    if (!model) throw new AppError('NOT_FOUND', `No model "${modelId}" is installed; install its package first (yingdu models install).`);
    if (model.manifest.experimental && !(this.options.experimentalAllowed?.() ?? false)) {
      throw new AppError(
        'EXPERIMENTAL_DISABLED',
        `"${modelId}" is an experimental, unvalidated model; turn on "experimental AI models" in the settings first if you mean to run it.`,
      );
    }
    this.assertEligible(seriesInstanceUID, model);
    // A package it runs inside its pipeline (dependsOn) must be installed: refused now, by name.
    resolveDependencies(this.options.registry, model);
    const { job, created, statusChanged } = this.options.db.transaction(() => {
      const queued = this.store.enqueue(
        {
          seriesInstanceUID,
          studyInstanceUID: study.studyInstanceUID,
          modelId,
          modelVersion: model.manifest.version,
          modelSha256: model.manifest.sha256,
          priority: priority ?? study.priority,
        },
        now(),
      );
      return { ...queued, statusChanged: queued.created && this.studyStatus.jobQueued(study.studyInstanceUID) };
    })();
    if (created) {
      this.options.logger?.log('info', 'ai.job.queued', { jobId: job.id, modelId, priority: job.priority });
      this.emitProgress(job);
      if (statusChanged) this.announceStatus(job.studyInstanceUID);
      this.pump();
    }
    return job;
  }

  /**
   * Runs the given queued jobs now, in this process, and resolves when they have ended: for the
   * CLI, whose core does not work the shared queue (a desktop app may be working it meanwhile;
   * claiming is one SQL transaction, so a job never runs twice).
   */
  async runNow(jobIds: readonly number[]): Promise<AiJob[]> {
    for (const id of jobIds) {
      const claimed = this.store.claim(id, now());
      if (claimed) await this.runJob(claimed);
    }
    // Jobs claimed by another process (the desktop app) finish there: wait for them.
    for (;;) {
      const jobs = jobIds.map((id) => this.store.get(id) as AiJob);
      if (jobs.every((j) => j.state !== 'queued' && j.state !== 'running') || this.closed) return jobs;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Queued: cancelled at once. Running: marked cancelled now and its pipeline aborted; nothing it produces is stored. */
  cancel(jobId: number): AiJob {
    const before = this.store.get(jobId);
    if (!before) throw new AppError('NOT_FOUND', `There is no AI job ${jobId}.`);
    const ended = this.endJob(before.studyInstanceUID, () => this.store.cancel(jobId, now()));
    if (ended) {
      const job = this.store.get(jobId) as AiJob;
      this.options.logger?.log('info', 'ai.job.cancelled', { jobId, was: before.state });
      if (this.runningJob?.id === jobId) this.runningJob.controller.abort();
      this.emitFinished(job, ended.statusChanged);
      return job;
    }
    return before;
  }

  list(studyInstanceUID?: string): AiJob[] {
    return this.store.list(studyInstanceUID);
  }

  /**
   * Auto-run after an import: every series without a job for a model gets one when it is eligible
   * for that installed, enabled, non-experimental model. Series that already had a job for that
   * model version (even a failed or cancelled one) are left alone, so a cancel is respected.
   */
  queueEligible(): AiJob[] {
    const experimental = this.options.experimentalAllowed?.() ?? false;
    const models = this.options.registry.list().filter((m) => m.enabled && (experimental || !m.manifest.experimental));
    if (models.length === 0) return [];
    const queued: AiJob[] = [];
    const hasJob = this.options.db.prepare('SELECT 1 FROM jobs WHERE series_instance_uid = ? AND model_id = ? AND model_version = ? LIMIT 1');
    for (const facts of seriesFacts(this.options.db)) {
      for (const model of models) {
        if (hasJob.get(facts.seriesInstanceUID, model.manifest.id, model.manifest.version)) continue;
        if (!this.eligibility(model, facts).eligible) continue;
        try {
          queued.push(this.enqueue(facts.seriesInstanceUID, model.manifest.id));
        } catch (error) {
          // A package it depends on is missing: the other models still queue; an explicit request names the missing one.
          this.options.logger?.log('warn', 'ai.autorun.skipped', { modelId: model.manifest.id, code: error instanceof AppError ? error.code : 'INTERNAL' });
        }
      }
    }
    return queued;
  }

  /** Resolves when nothing is queued or running (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.runningJob?.controller.abort();
    // A running job stays "running" in the table and is re-queued at the next start.
    if (this.ownsInference) await this.inference.close();
    // Let the loop see `closed` before the caller closes the database.
    await this.running?.catch(() => {});
  }

  private latest(modelId: string): InstalledModel | undefined {
    return latestInstalled(this.options.registry, modelId);
  }

  /**
   * The `accepts` rules on the catalogued facts; the b-values, which the importer does not
   * catalogue, are read from the stored files only when every other rule already passes.
   */
  eligibility(model: InstalledModel, facts: SeriesFacts & { seriesInstanceUID: string }): Eligibility {
    const accepts = model.manifest.accepts;
    const first = checkEligibility(accepts, facts);
    if (!accepts.bValues) return first;
    const others = first.mismatches.filter((m) => m.rule !== 'bValues');
    if (others.length > 0) return { ...first, mismatches: others };
    return checkEligibility(accepts, { ...facts, bValues: this.bValues.of(facts.seriesInstanceUID) });
  }

  /** NOT_ELIGIBLE, with what differs, unless the series matches the model's `accepts` rules. */
  private assertEligible(seriesInstanceUID: string, model: InstalledModel): void {
    const facts = seriesFacts(this.options.db).find((f) => f.seriesInstanceUID === seriesInstanceUID);
    if (!facts) return;
    const { mismatches } = this.eligibility(model, facts);
    if (mismatches.length === 0) return;
    const why = mismatches
      .map((m) => {
        if (m.rule !== 'bValues') return `${RULE_NAMES[m.rule]} is ${m.actual}, the model needs ${m.expected}`;
        const found = this.bValues.of(seriesInstanceUID);
        const missing = (model.manifest.accepts.bValues ?? []).filter((b) => !found.some((v) => matchesBValue(v, b)));
        const has = found.length > 0 ? `its b-values are ${found.join(', ')} s/mm²` : 'its images carry no diffusion b-value';
        return `it has no b=${missing.join(' or b=')} s/mm² images (${has}), the model needs b=${(model.manifest.accepts.bValues ?? []).join(' and b=')} s/mm²`;
      })
      .join('; ');
    throw new AppError('NOT_ELIGIBLE', `This series does not suit the model "${model.manifest.id}": ${why}. Choose a matching series.`);
  }

  private pump(): void {
    if (!this.started || this.closed) return;
    if (this.running) {
      // The loop may already have seen an empty queue and be about to end: look again after it.
      this.wakeAgain = true;
      return;
    }
    this.wakeAgain = false;
    this.running = (async () => {
      for (let job = this.store.claimNext(now()); job && !this.closed; job = this.store.claimNext(now())) await this.runJob(job);
    })().finally(() => {
      this.running = null;
      if (this.wakeAgain) this.pump();
    });
  }

  private async runJob(job: AiJob): Promise<void> {
    this.emitProgress(job);
    const log = this.options.logger;
    log?.log('info', 'ai.job.started', { jobId: job.id, modelId: job.modelId });
    const controller = new AbortController();
    this.runningJob = { id: job.id, controller };
    try {
      const model = this.options.registry.list().find((m) => m.manifest.id === job.modelId && m.manifest.version === job.modelVersion);
      if (!model) throw new AppError('NOT_FOUND', `Model ${job.modelId} ${job.modelVersion} was removed before the job ran; install it again and re-queue.`);
      const pipeline = pipelineFor(model.manifest.pipeline);
      const runner = createModelRunner(this.options.registry, this.inference, model, controller.signal);
      const t0 = performance.now();
      const source = { db: this.options.db, storeDir: this.options.storeDir };
      // 2-D pipelines read the images one by one: radiographs (CR) have no Image Plane module, so form no volume.
      const twoD = model.manifest.pipeline === 'image-2d';
      const volumes = twoD ? [] : await loadSeriesVolumes(source, job.seriesInstanceUID);
      if (!twoD && volumes.length === 0) throw new AppError('NOT_A_VOLUME', 'This series has no volume the model can run on.');
      const t1 = performance.now();
      this.setProgress(job, 0.05);
      const produced = await pipeline({
        model,
        volumes,
        ...(twoD ? { images: () => loadSeriesImages(source, job.seriesInstanceUID) } : {}),
        runner,
        signal: controller.signal,
        progress: (fraction) => this.setProgress(job, 0.05 + 0.9 * Math.min(1, Math.max(0, fraction))),
      });
      if (controller.signal.aborted || this.closed) return;
      const t2 = performance.now();
      const written = writeAnalysisOutputs(this.options.dataDir, job.id, produced.outputs);
      const t3 = performance.now();
      const provider = runner.providers.join('+') || 'cpu';
      const seconds = Math.round((t3 - t0) / 10) / 100;
      const analysis: AnalysisResult = {
        analysisId: job.id,
        seriesInstanceUID: job.seriesInstanceUID,
        studyInstanceUID: job.studyInstanceUID,
        model: { id: job.modelId, version: job.modelVersion, sha256: job.modelSha256 },
        provider,
        seconds,
        findings: produced.findings,
        measurements: produced.measurements,
        outputs: written.outputs,
        warnings: [...new Set([...volumes.flatMap((v) => v.warnings), ...produced.warnings])],
        createdAt: now(),
      };
      const result: JobResult = {
        analysisId: job.id,
        findingCount: produced.findings.length,
        outputCount: written.outputs.length,
        timingsMs: {
          loadVolume: Math.round(t1 - t0),
          pipeline: Math.round(t2 - t1),
          openSession: Math.round(runner.timings.openMs),
          run: Math.round(runner.timings.runMs),
          writeOutputs: Math.round(t3 - t2),
        },
      };
      // The analysis row, the job's end and the study status are one transaction: a cancelled job stores nothing.
      const finished = this.endJob(job.studyInstanceUID, () => {
        if (!this.store.finish(job.id, { state: 'done', provider, errorCode: null, errorMessage: null, result }, now())) return false;
        this.analyses.save(analysis, written.grids);
        return true;
      });
      if (finished) {
        log?.log('info', 'ai.job.done', { jobId: job.id, provider, findings: result.findingCount, ...result.timingsMs });
        this.emitFinished(this.store.get(job.id) as AiJob, finished.statusChanged);
      }
    } catch (error) {
      // Shutting down stopped the worker under this job: leave it running, recovery re-queues it.
      if (this.closed) return;
      const code = error instanceof AppError ? error.code : 'INFERENCE_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      const failed = this.endJob(job.studyInstanceUID, () =>
        this.store.finish(job.id, { state: 'failed', provider: null, errorCode: code, errorMessage: message, result: null }, now()),
      );
      if (failed) {
        log?.log('error', 'ai.job.failed', { jobId: job.id, code });
        this.emitFinished(this.store.get(job.id) as AiJob, failed.statusChanged);
      }
    } finally {
      this.runningJob = null;
    }
  }

  private setProgress(job: AiJob, value: number): void {
    if (this.store.setProgress(job.id, value)) this.emitProgress({ ...job, state: 'running', progress: value });
  }

  private emitProgress(job: AiJob): void {
    this.options.events.emit('ai:jobProgress', { jobId: job.id, seriesInstanceUID: job.seriesInstanceUID, state: job.state, progress: job.progress });
  }

  /**
   * Ends a job (`end` returns false when it had already ended) and moves the study's status in the
   * same transaction; null when nothing ended.
   */
  private endJob(studyInstanceUID: string, end: () => boolean): { statusChanged: boolean } | null {
    return this.options.db.transaction(() => (end() ? { statusChanged: this.studyStatus.jobEnded(studyInstanceUID) } : null))();
  }

  /** `ai:jobFinished`, then `studies:changed` when the job's end moved the study to ai_done. */
  private emitFinished(job: AiJob, statusChanged: boolean): void {
    this.options.events.emit('ai:jobFinished', {
      jobId: job.id,
      seriesInstanceUID: job.seriesInstanceUID,
      studyInstanceUID: job.studyInstanceUID,
      state: job.state,
      errorCode: job.errorCode,
    });
    if (statusChanged) this.announceStatus(job.studyInstanceUID);
  }

  private announceStatus(studyInstanceUID: string): void {
    announceStudiesChanged({ emit: this.options.events.emit.bind(this.options.events) }, [studyInstanceUID], 'status');
  }
}
