// Owns the parts every import of one data folder shares: the managed store, the database
// writer worker and the parser pool (both started on first use, closed with the core), and the
// imports currently running, so `import:cancel` can reach them.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImportProgress, ImportSummary } from '../../shared/imports';
import { AppError } from '../../shared/result';
import type { DataLayout } from '../app/data-dir';
import type { Logger } from '../logging/log';
import { ManagedStore } from '../store/managed-store';
import { StudyWriterClient } from '../store/study-writer-client';
import { InstanceBatcher } from './instance-batcher';
import { ImportJob } from './import-job';
import type { InstanceParser } from './instance-parser';
import type { ResultObjectHook } from './result-object-hook';

export interface ImportListener {
  onProgress(progress: ImportProgress): void;
  onStudiesChanged(studyInstanceUIDs: string[]): void;
  onFinished(summary: ImportSummary): void;
}

export interface ImportServiceOptions {
  layout: DataLayout;
  logger: Logger;
  createParser(): InstanceParser;
  /** fsync store files and folders (default true); benchmarks on throwaway folders may turn it off. */
  durable?: boolean;
  batch?: { maxRecords?: number; maxDelayMs?: number };
  /** SEG / TID 1500 SR objects an import added become stored analyses (see result-object-hook.ts). */
  onResultObjects?: ResultObjectHook;
}

export class ImportService {
  private readonly store: ManagedStore;
  private writer: StudyWriterClient | null = null;
  private parser: InstanceParser | null = null;
  private readonly running = new Map<string, { job: ImportJob; done: Promise<ImportSummary> }>();
  private closed = false;

  constructor(private readonly options: ImportServiceOptions) {
    this.store = new ManagedStore({
      storeDir: options.layout.store,
      conflictsDir: options.layout.conflicts,
      tmpDir: options.layout.tmp,
      durable: options.durable,
    });
  }

  /** Starts an import in the background and returns its id; events report the rest. */
  start(paths: readonly string[], listener: ImportListener): { importId: string; done: Promise<ImportSummary> } {
    if (this.closed) throw new AppError('UNAVAILABLE', 'The workstation is shutting down; import again after it restarts.');
    for (const p of paths) {
      if (!path.isAbsolute(p)) throw new AppError('INVALID_ARGUMENT', 'Import paths must be absolute paths chosen in the file dialog.');
    }
    const importId = `imp-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    if (!this.writer) void this.store.sweepStaleTemp();
    this.writer ??= new StudyWriterClient(this.options.layout.database);
    this.parser ??= this.options.createParser();
    const batcher = new InstanceBatcher(this.store, this.writer, this.options.batch);
    const job = new ImportJob(importId, {
      store: this.store,
      batcher,
      parser: this.parser,
      onProgress: (p) => listener.onProgress(p),
      onStudiesChanged: (uids) => listener.onStudiesChanged(uids),
      ...(this.options.onResultObjects ? { onResultObjects: this.options.onResultObjects } : {}),
    });
    const log = this.options.logger;
    log.log('info', 'import.started', { importId, paths: paths.length });
    const done = job.run(paths).then((summary) => {
      this.running.delete(importId);
      // Counts and codes only: file paths and UIDs may identify a patient.
      log.log(summary.state === 'failed' ? 'error' : 'info', 'import.finished', {
        importId,
        state: summary.state,
        errorCode: summary.error?.code ?? null,
        added: summary.added,
        duplicates: summary.duplicates,
        conflicts: summary.conflicts,
        rejected: summary.rejectedCount,
        seconds: summary.durationSeconds,
      });
      listener.onFinished(summary);
      return summary;
    });
    this.running.set(importId, { job, done });
    return { importId, done };
  }

  /** Asks a running import to stop; false when no such import is running. */
  cancel(importId: string): boolean {
    const entry = this.running.get(importId);
    if (!entry) return false;
    entry.job.cancel();
    return true;
  }

  /** Cancels running imports, waits for their last batches, then stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.running.values()];
    for (const { job } of pending) job.cancel();
    await Promise.allSettled(pending.map((p) => p.done));
    await Promise.allSettled([this.writer?.close(), this.parser?.close()]);
    this.writer = null;
    this.parser = null;
  }
}
