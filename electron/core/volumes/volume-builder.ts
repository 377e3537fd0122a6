// Builds volumes in one lazily started worker thread, so a 500-slice assembly never stalls IPC
// or the web host. Startup from sources and from the bundles is store/worker-launcher.ts's job.
// The worker is unref'd: an idle builder never keeps a CLI process alive.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import { startWorker } from '../store/worker-launcher';
import type { Volume } from './volume';
import type { BuildRequest, BuildResponse } from './volume-worker-protocol';

interface Pending {
  resolve: (volumes: Volume[]) => void;
  reject: (error: Error) => void;
}

export class VolumeBuilder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Assembles the volumes of these files (read inside the worker). */
  build(paths: string[]): Promise<Volume[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Volume[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, paths } satisfies BuildRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new AppError('CANCELLED', 'The volume builder was closed.'));
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('volume-assembly', new URL('./volume-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (response: BuildResponse) => {
      const job = this.pending.get(response.id);
      if (!job) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.unref();
      if (response.ok) job.resolve(response.volumes);
      else job.reject(new AppError(response.code, response.message));
    });
    worker.on('error', () => {
      this.worker = null;
      this.failAll(new AppError('INTERNAL', 'The volume assembly worker stopped unexpectedly; try again.'));
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new AppError('INTERNAL', 'The volume assembly worker exited; try again.'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/** One builder per process, beside the shared volume cache. */
export const sharedVolumeBuilder = new VolumeBuilder();
