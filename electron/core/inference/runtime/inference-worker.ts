// Worker-thread entry (bundled as dist/workers/inference.cjs): holds the ONNX Runtime sessions
// and runs them here, so a model run never blocks the event loop that answers the UI
// (ARCHITECTURE §1). Started through store/worker-launcher.ts, which also loads this file from
// its TypeScript source under Vitest. Sessions are cached per model id + version and released
// when idle (IDLE_RELEASE_MS) or on request; tensors are transferred, not copied.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isErrorCode } from '../../../shared/result';
import { type ModelSession, createModelSession } from './model-session';
import type { InferenceRequest, InferenceResponse } from './inference-protocol';

const port = parentPort;
if (!port) throw new Error('inference-worker must run in a worker thread');

const idleReleaseMs = Number((workerData as { idleReleaseMs?: number } | null)?.idleReleaseMs ?? 5 * 60_000);
const sessions = new Map<string, { session: Promise<ModelSession>; sha256: string; timer: NodeJS.Timeout | null }>();

async function releaseAll(): Promise<number> {
  const entries = [...sessions.values()];
  sessions.clear();
  for (const entry of entries) {
    if (entry.timer) clearTimeout(entry.timer);
    await entry.session.then((s) => s.release()).catch(() => {});
  }
  return entries.length;
}

function sessionFor(key: string, modelPath: string, sha256: string, providers?: string[]): Promise<ModelSession> {
  let entry = sessions.get(key);
  if (entry && entry.sha256 !== sha256) {
    // Same id and version re-installed with other bytes: never reuse the old session.
    sessions.delete(key);
    void entry.session.then((s) => s.release()).catch(() => {});
    entry = undefined;
  }
  if (!entry) {
    const session = createModelSession(modelPath, sha256, providers ? { providers } : {});
    session.catch(() => sessions.delete(key));
    entry = { session, sha256, timer: null };
    sessions.set(key, entry);
  }
  if (entry.timer) clearTimeout(entry.timer);
  const current = entry;
  current.timer = setTimeout(() => {
    if (sessions.get(key) !== current) return;
    sessions.delete(key);
    void current.session.then((s) => s.release()).catch(() => {});
  }, idleReleaseMs);
  current.timer.unref();
  return current.session;
}

async function handle(request: InferenceRequest): Promise<{ response: InferenceResponse; transfer: ArrayBuffer[] }> {
  try {
    if (request.kind === 'release') return { response: { id: request.id, ok: true, released: await releaseAll() }, transfer: [] };
    const t0 = performance.now();
    const session = await sessionFor(request.sessionKey, request.modelPath, request.sha256, request.providers);
    const t1 = performance.now();
    const outputs = await session.run(request.inputs);
    const t2 = performance.now();
    // ORT may hand back views into a shared pool: copy into our own buffers before transferring.
    const own: typeof outputs = {};
    for (const [name, t] of Object.entries(outputs)) own[name] = { dims: [...t.dims], data: new Float32Array(t.data) };
    return {
      response: { id: request.id, ok: true, provider: session.provider, outputs: own, openMs: t1 - t0, runMs: t2 - t1 },
      transfer: Object.values(own).map((t) => t.data.buffer as ArrayBuffer),
    };
  } catch (error) {
    const code = error instanceof AppError && isErrorCode(error.code) ? error.code : 'INFERENCE_FAILED';
    return { response: { id: request.id, ok: false, code, message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

port.on('message', (request: InferenceRequest) => {
  void handle(request).then(({ response, transfer }) => port.postMessage(response, transfer));
});
