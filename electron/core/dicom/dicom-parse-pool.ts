// A pool of parse workers so that imports never parse on the event loop that serves the UI
// (ARCHITECTURE §1). N = available cores − 1 (min 1): one core stays free for the UI and the
// SQLite writer. Jobs go to the least-busy worker; a worker that dies or exceeds the per-file
// time guard is replaced and only its jobs fail. The promise API never rejects for a bad file:
// bad files resolve to { ok: false, code, message }; it rejects only after close().
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import { startWorker } from '../store/worker-launcher';
import type { ParseOptions } from './parse-dicom';
import type { DicomParseOutcome, ParseRequest, ParseResponse } from './parse-protocol';

export type { DicomParseOutcome } from './parse-protocol';

export interface DicomParsePoolOptions {
  /** Number of workers; default availableParallelism() − 1, at least 1. */
  size?: number;
  /** A single parse taking longer than this (worker start-up excluded) is abandoned and its worker replaced (default 60 s). */
  timeoutMs?: number;
  parseOptions?: ParseOptions;
}

interface Job {
  request: ParseRequest;
  resolve: (outcome: DicomParseOutcome) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  /** Set when the worker thread runs; its start-up time does not count against a file. */
  online: boolean;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class DicomParsePool {
  readonly concurrency: number;
  private readonly slots: Slot[] = [];
  private readonly timeoutMs: number;
  private readonly parseOptions: ParseOptions | undefined;
  private nextId = 1;
  private closed = false;

  constructor(options: DicomParsePoolOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.parseOptions = options.parseOptions;
    for (let i = 0; i < this.concurrency; i += 1) this.slots.push(this.spawn());
  }

  /** Parses bytes already in memory (they are copied to the worker; the caller keeps its buffer). */
  parse(bytes: Uint8Array): Promise<DicomParseOutcome> {
    return this.submit({ id: this.nextId++, bytes, options: this.parseOptions });
  }

  /** Reads and parses a file inside the worker: the cheapest path for folder imports. */
  parseFile(filePath: string): Promise<DicomParseOutcome> {
    return this.submit({ id: this.nextId++, path: filePath, options: this.parseOptions });
  }

  /** Stops every worker; pending jobs reject with CANCELLED. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.failJobs(slot, new AppError('CANCELLED', 'The DICOM parser was closed before this file was parsed.'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private submit(request: ParseRequest): Promise<DicomParseOutcome> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'The DICOM parser is closed.'));
    const slot = this.slots.reduce((best, s) => (s.jobs.size < best.jobs.size ? s : best));
    return new Promise<DicomParseOutcome>((resolve, reject) => {
      const job: Job = { request, resolve, reject, timer: null };
      slot.jobs.set(request.id, job);
      slot.worker.postMessage(request);
      if (slot.jobs.size === 1 && slot.online) this.armTimer(slot, job);
    });
  }

  /** Workers answer in order, so only the oldest job of a slot is timed; the next is armed when it ends. */
  private armTimer(slot: Slot, job: Job): void {
    job.timer = setTimeout(() => this.timedOut(slot, job), this.timeoutMs);
    job.timer.unref();
  }

  private timedOut(slot: Slot, job: Job): void {
    slot.jobs.delete(job.request.id);
    job.resolve({
      ok: false,
      code: 'UNAVAILABLE',
      message: `Parsing took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped; the file was not imported.`,
      sha256: null,
      byteLength: 0,
    });
    this.replace(slot, 'a file exceeded the time limit', false);
  }

  private spawn(): Slot {
    const worker = startWorker('dicom-parse', new URL('./parse-worker.ts', import.meta.url));
    const slot: Slot = { worker, jobs: new Map(), online: false };
    worker.on('online', () => {
      slot.online = true;
      const head = slot.jobs.values().next();
      if (!head.done && !head.value.timer) this.armTimer(slot, head.value);
    });
    worker.on('message', (response: ParseResponse) => this.settle(slot, response));
    worker.on('error', (error) => {
      if (!this.closed) this.replace(slot, `the parse worker failed (${error.message})`);
    });
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, `the parse worker exited with code ${code}`);
    });
    return slot;
  }

  private settle(slot: Slot, response: ParseResponse): void {
    const job = slot.jobs.get(response.id);
    if (!job) return;
    slot.jobs.delete(response.id);
    if (job.timer) clearTimeout(job.timer);
    const { id: _id, ...outcome } = response;
    job.resolve(outcome);
    const next = slot.jobs.values().next();
    if (!next.done) this.armTimer(slot, next.value);
  }

  /**
   * Replaces a dead or stuck worker. After a crash the oldest job (the one being parsed) fails
   * with INTERNAL; jobs queued behind it are not the file's fault and run again on the new worker.
   */
  private replace(slot: Slot, reason: string, crashed = true): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots[index] = this.spawn();
    const pending = [...slot.jobs.values()];
    slot.jobs.clear();
    void slot.worker.terminate();
    for (const [position, job] of pending.entries()) {
      if (job.timer) clearTimeout(job.timer);
      if (crashed && position === 0) {
        job.resolve({ ok: false, code: 'INTERNAL', message: `The file could not be parsed: ${reason}.`, sha256: null, byteLength: 0 });
      } else {
        this.submit(job.request).then(job.resolve, job.reject);
      }
    }
  }

  private failJobs(slot: Slot, error: Error): void {
    for (const job of slot.jobs.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.reject(error);
    }
    slot.jobs.clear();
  }
}
