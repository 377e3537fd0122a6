// The event-loop side of the database writer: sends batches to study-writer-worker.ts and
// resolves with their outcomes. Batches are written in the order they were sent.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import type { BatchResult, StoredInstance } from './study-writer';
import type { WriterRequest, WriterResponse } from './study-writer-protocol';
import { startWorker } from './worker-launcher';

interface Pending {
  resolve(result: BatchResult): void;
  reject(error: AppError): void;
}

export class StudyWriterClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: AppError | null = null;
  private closing: Promise<void> | null = null;
  private exited = false;

  constructor(databaseFile: string) {
    this.worker = startWorker('study-writer', new URL('./study-writer-worker.ts', import.meta.url), {
      workerData: { databaseFile },
    });
    this.worker.on('message', (message: WriterResponse) => this.onMessage(message));
    this.worker.on('error', () => this.failAll(new AppError('DATABASE_ERROR', 'The database writer stopped unexpectedly; the last batch was rolled back.')));
    this.worker.on('exit', () => {
      this.exited = true;
      this.failAll(new AppError('DATABASE_ERROR', 'The database writer stopped; the last batch was rolled back.'));
    });
    // The writer must not keep a CLI process alive on its own.
    this.worker.unref();
  }

  /** Writes one batch in one transaction; resolves once it has committed. */
  write(records: StoredInstance[]): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new AppError('CANCELLED', 'The database writer is closing.'));
    const id = this.nextId++;
    return new Promise<BatchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ type: 'batch', id, records } satisfies WriterRequest);
    });
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.exited) return Promise.resolve();
    this.closing = new Promise<void>((resolve) => {
      // Referenced again so the process waits for the writer to close the database cleanly.
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
      // A wedged worker must not hang shutdown.
      setTimeout(() => void this.worker.terminate(), 5000).unref();
    });
    return this.closing;
  }

  private onMessage(message: WriterResponse): void {
    if (message.type === 'startFailed') {
      this.failAll(new AppError(message.code, message.message));
      return;
    }
    if (message.type === 'closed') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'written') {
      waiting.resolve({ outcomes: message.outcomes, referencedConflictHashes: message.referencedConflictHashes });
    } else {
      waiting.reject(new AppError(message.code, message.message));
    }
  }

  private failAll(error: AppError): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
