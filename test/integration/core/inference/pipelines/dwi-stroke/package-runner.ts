// A ModelRunner over package folders built by `native-models` in the test: real onnxruntime-node
// sessions (createModelSession, hash-checked like every load), run in this process instead of
// the job service's worker, so the pipeline maths can be tested on real volumes without a
// database. Identical inputs to the same model are answered from a memo (keyed by SHA-256 of the
// input bytes): the insertion tests edit only b=1000 images, so mindgrab's 256³ run on the
// unchanged b=0 is done once per file instead of once per test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ModelManifest, modelManifestSchema } from '../../../../../../electron/shared/model-manifest';
import type { ModelRunner } from '../../../../../../electron/core/inference/pipelines/pipeline';
import { type ModelSession, type PlainTensor, createModelSession } from '../../../../../../electron/core/inference/runtime/model-session';

export interface PackageRunner extends ModelRunner {
  /** Model runs that reached ONNX Runtime, by model id. */
  readonly runs: Record<string, number>;
  release(): Promise<void>;
}

export function packageRunner(packagesDir: string): PackageRunner {
  const sessions = new Map<string, Promise<ModelSession>>();
  const memo = new Map<string, Promise<Record<string, PlainTensor>>>();
  const runs: Record<string, number> = {};
  const manifestOf = (id: string): ModelManifest => modelManifestSchema.parse(JSON.parse(readFileSync(path.join(packagesDir, id, 'manifest.json'), 'utf8')));
  const sessionOf = (id: string) => {
    let session = sessions.get(id);
    if (!session) {
      session = createModelSession(path.join(packagesDir, id, 'model.onnx'), manifestOf(id).sha256);
      sessions.set(id, session);
    }
    return session;
  };
  return {
    runs,
    manifest: manifestOf,
    async run(modelId, inputs) {
      const hash = createHash('sha256').update(modelId);
      for (const [name, t] of Object.entries(inputs)) hash.update(`${name}:${t.dims.join('x')}`).update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      const key = hash.digest('hex');
      let result = memo.get(key);
      if (!result) {
        runs[modelId] = (runs[modelId] ?? 0) + 1;
        result = sessionOf(modelId).then((s) => s.run(inputs));
        memo.set(key, result);
      }
      const session = await sessionOf(modelId);
      return { outputs: await result, provider: session.provider };
    },
    async release() {
      for (const s of sessions.values()) await (await s).release();
    },
  };
}
