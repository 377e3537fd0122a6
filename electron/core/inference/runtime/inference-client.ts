// The main-thread side of the inference worker: one worker thread, started on first use, that
// owns every ONNX Runtime session. Requests are answered in order of completion by id. If the
// worker dies (native crash, out of memory) its pending runs fail with INFERENCE_FAILED and the
// next run starts a fresh worker.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import { startWorker } from '../../store/worker-launcher';
import type { InferenceRequest, InferenceResponse } from './inference-protocol';
import type { PlainTensor } from './model-session';

export interface InferenceRun {
  provider: string;
  outputs: Record<string, PlainTensor>;
  openMs: number;
  runMs: number;
}

export interface InferenceClientOptions {
  /** Release a cached session after this long unused (default 5 minutes). */
  idleReleaseMs?: number;
  /** Providers to try, best first; default: every one available, then CPU. */
  providers?: string[];
}

type Pending = { resolve: (r: InferenceResponse) => void; reject: (e: Error) => void };

/** Distributive Omit, so each request variant keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class InferenceClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: InferenceClientOptions = {}) {}

  async run(modelPath: string, sha256: string, sessionKey: string, inputs: Record<string, PlainTensor>): Promise<InferenceRun> {
    const transfer = Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer);
    const response = await this.send(
      { kind: 'run', modelPath, sha256, sessionKey, inputs, ...(this.options.providers ? { providers: this.options.providers } : {}) },
      transfer,
    );
    if (!response.ok) throw new AppError(response.code, response.message);
    if (!('outputs' in response)) throw new AppError('INTERNAL', 'The inference worker answered a run with the wrong message.');
    return { provider: response.provider, outputs: response.outputs, openMs: response.openMs, runMs: response.runMs };
  }

  /** Releases every cached session (the worker stays up). */
  async releaseSessions(): Promise<number> {
    if (!this.worker) return 0;
    const response = await this.send({ kind: 'release' }, []);
    return response.ok && 'released' in response ? response.released : 0;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private send(request: WithoutId<InferenceRequest>, transfer: ArrayBuffer[]): Promise<InferenceResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('inference', new URL('./inference-worker.ts', import.meta.url), {
      workerData: { idleReleaseMs: this.options.idleReleaseMs ?? 5 * 60_000 },
    });
    worker.on('message', (response: InferenceResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      waiting?.resolve(response);
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new AppError('INFERENCE_FAILED', `The inference worker stopped (${why}); the job can be queued again.`));
      }
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
