// Creates ONNX Runtime sessions for installed model files. The file is read once, hashed and
// compared with the SHA-256 recorded at install time, and the session is created from those
// same bytes: a file swapped between the check and the load cannot slip through.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { AppError } from '../../../shared/result';
import { onnxRuntimeInfo } from './onnx-runtime';

/** A plain tensor crossing the runtime boundary (callers never see onnxruntime types). */
export interface PlainTensor {
  dims: readonly number[];
  data: Float32Array;
}

export interface ModelSession {
  /** The execution provider that actually holds the session: "cuda", "dml", "coreml" or "cpu". */
  readonly provider: string;
  readonly sha256: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(inputs: Record<string, PlainTensor>): Promise<Record<string, PlainTensor>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  /** Providers to try, best first; default: every provider available here, then CPU. */
  providers?: readonly string[];
  /** Threads inside one operator; default lets ONNX Runtime use every core. */
  intraOpThreads?: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads the model, refuses it with MODEL_TAMPERED unless it hashes to `expectedSha256`, then opens it. */
export async function createModelSession(modelPath: string, expectedSha256: string, options: SessionOptions = {}): Promise<ModelSession> {
  const bytes = new Uint8Array(await readFile(modelPath));
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new AppError(
      'MODEL_TAMPERED',
      `The model file ${modelPath} does not match the checksum recorded when it was installed, so it was not loaded. ` +
        'Reinstall the model package from its original media, or remove it with `yingdu models remove`.',
    );
  }
  const candidates = options.providers ?? onnxRuntimeInfo().executionProviders;
  const failures: string[] = [];
  for (const provider of candidates) {
    try {
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
        ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
      });
      return wrap(session, provider, actual);
    } catch (error) {
      // A GPU provider listed as available can still fail (driver, memory): fall through to the next.
      failures.push(`${provider}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new AppError('INFERENCE_FAILED', `ONNX Runtime could not open ${modelPath} with any execution provider (${failures.join('; ')}).`);
}

function wrap(session: ort.InferenceSession, provider: string, sha256: string): ModelSession {
  return {
    provider,
    sha256,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(inputs) {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(inputs)) feeds[name] = new ort.Tensor('float32', t.data, [...t.dims]);
      let results: ort.InferenceSession.ReturnType;
      try {
        results = await session.run(feeds);
      } catch (error) {
        throw new AppError('INFERENCE_FAILED', `The model failed to run: ${error instanceof Error ? error.message : String(error)}`);
      }
      const out: Record<string, PlainTensor> = {};
      for (const [name, t] of Object.entries(results)) {
        if (t.type !== 'float32') throw new AppError('INFERENCE_FAILED', `Model output ${name} is ${t.type}, expected float32.`);
        out[name] = { dims: t.dims, data: t.data as Float32Array };
      }
      return out;
    },
    release: () => session.release(),
  };
}
