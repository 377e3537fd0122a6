// The AI job queue: persistent (jobs table), one job at a time in priority order (STAT, urgent,
// routine, then oldest), de-duplicated per (series, model id + version), cancellable, and
// recovered after a restart. The model itself runs in the inference worker thread, so the
// event loop answering the UI only waits on messages. Progress and the end of every job are
// pushed as `ai:jobProgress` / `ai:jobFinished`. Logs carry job ids and model ids, never UIDs.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import type { AiJob, JobPriority } from '../../../shared/ai-jobs';
import type { EventBus } from '../../../shared/event-bus';
import type { InstalledModel } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import type { Logger } from '../../logging/log';
import type { Database } from '../../store/database';
import { loadSeriesVolumes } from '../../volumes/series-volumes';
import { checkEligibility } from '../models/model-eligibility';
import type { ModelRegistry } from '../models/model-registry';
import { InferenceClient } from '../runtime/inference-client';
import { type AnalysisStore, createAnalysisStore } from './analysis-store';
import { type JobStore, createJobStore } from './job-store';
import { centreBlock, labelCounts } from './model-block';
import { seriesFacts, seriesStudy } from './series-facts';

export interface JobServiceOptions {
  db: Database;
  storeDir: string;
  registry: ModelRegistry;
  events: EventBus;
  logger?: Logger;
  inference?: InferenceClient;
  /** Largest block edge (voxels per axis) given to a model in this step; default 64. */
  blockEdge?: number;
  /** Start working the queue at once (default true); tests may start it later. */
  autoStart?: boolean;
}

const now = () => new Date().toISOString();

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

  constructor(private readonly options: JobServiceOptions) {
    this.store = createJobStore(options.db);
    this.analyses = createAnalysisStore(options.db);
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
    const { job, created } = this.store.enqueue(
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
    if (created) {
      this.options.logger?.log('info', 'ai.job.queued', { jobId: job.id, modelId, priority: job.priority });
      this.emitProgress(job);
      this.pump();
    }
    return job;
  }

  /** Queued: cancelled at once. Running: marked cancelled now; the model run's result is discarded when it returns. */
  cancel(jobId: number): AiJob {
    const before = this.store.get(jobId);
    if (!before) throw new AppError('NOT_FOUND', `There is no AI job ${jobId}.`);
    if (this.store.cancel(jobId, now())) {
      const job = this.store.get(jobId) as AiJob;
      this.options.logger?.log('info', 'ai.job.cancelled', { jobId, was: before.state });
      this.emitFinished(job);
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
    const models = this.options.registry.list().filter((m) => m.enabled && !m.manifest.experimental);
    if (models.length === 0) return [];
    const queued: AiJob[] = [];
    const hasJob = this.options.db.prepare('SELECT 1 FROM jobs WHERE series_instance_uid = ? AND model_id = ? AND model_version = ? LIMIT 1');
    for (const facts of seriesFacts(this.options.db)) {
      for (const model of models) {
        if (hasJob.get(facts.seriesInstanceUID, model.manifest.id, model.manifest.version)) continue;
        if (!checkEligibility(model.manifest.accepts, facts).eligible) continue;
        queued.push(this.enqueue(facts.seriesInstanceUID, model.manifest.id));
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
    // A running job stays "running" in the table and is re-queued at the next start.
    if (this.ownsInference) await this.inference.close();
    // Let the loop see `closed` before the caller closes the database.
    await this.running?.catch(() => {});
  }

  private latest(modelId: string): InstalledModel | undefined {
    return this.options.registry
      .list()
      .filter((m) => m.manifest.id === modelId)
      .sort((a, b) => b.installedAt.localeCompare(a.installedAt))[0];
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
    try {
      const model = this.options.registry.list().find((m) => m.manifest.id === job.modelId && m.manifest.version === job.modelVersion);
      if (!model) throw new AppError('NOT_FOUND', `Model ${job.modelId} ${job.modelVersion} was removed before the job ran; install it again and re-queue.`);
      const input = model.manifest.inputs[0];
      const output = model.manifest.outputs[0];
      if (!input || !output) throw new AppError('MODEL_INVALID', `The manifest of ${job.modelId} names no input or output tensor.`);
      const t0 = performance.now();
      const volumes = await loadSeriesVolumes({ db: this.options.db, storeDir: this.options.storeDir }, job.seriesInstanceUID);
      const volume = volumes[0];
      if (!volume) throw new AppError('NOT_A_VOLUME', 'This series has no volume the model can run on.');
      const t1 = performance.now();
      this.setProgress(job, 0.3);
      const block = centreBlock(volume, input, this.options.blockEdge ?? 64);
      const modelPath = path.join(this.options.registry.folderOf(job.modelId, job.modelVersion), 'model.onnx');
      const run = await this.inference.run(modelPath, job.modelSha256, `${job.modelId}@${job.modelVersion}`, { [input.name]: block.tensor });
      const logits = run.outputs[output.name];
      if (!logits) throw new AppError('INFERENCE_FAILED', `The model produced no output named ${output.name}.`);
      const result = {
        labelCounts: labelCounts(logits),
        block: block.size,
        blockOrigin: block.origin,
        timingsMs: { loadVolume: Math.round(t1 - t0), openSession: Math.round(run.openMs), run: Math.round(run.runMs) },
      };
      if (this.store.finish(job.id, { state: 'done', provider: run.provider, errorCode: null, errorMessage: null, result }, now())) {
        log?.log('info', 'ai.job.done', { jobId: job.id, provider: run.provider, ...result.timingsMs });
        this.emitFinished(this.store.get(job.id) as AiJob);
      }
    } catch (error) {
      // Shutting down stopped the worker under this job: leave it running, recovery re-queues it.
      if (this.closed) return;
      const code = error instanceof AppError ? error.code : 'INFERENCE_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      if (this.store.finish(job.id, { state: 'failed', provider: null, errorCode: code, errorMessage: message, result: null }, now())) {
        log?.log('error', 'ai.job.failed', { jobId: job.id, code });
        this.emitFinished(this.store.get(job.id) as AiJob);
      }
    }
  }

  private setProgress(job: AiJob, value: number): void {
    if (this.store.setProgress(job.id, value)) this.emitProgress({ ...job, state: 'running', progress: value });
  }

  private emitProgress(job: AiJob): void {
    this.options.events.emit('ai:jobProgress', { jobId: job.id, seriesInstanceUID: job.seriesInstanceUID, state: job.state, progress: job.progress });
  }

  private emitFinished(job: AiJob): void {
    this.options.events.emit('ai:jobFinished', {
      jobId: job.id,
      seriesInstanceUID: job.seriesInstanceUID,
      studyInstanceUID: job.studyInstanceUID,
      state: job.state,
      errorCode: job.errorCode,
    });
  }
}
