// A network split at its classifier gives exactly the labels of the unsplit network: the 104-region
// atlas built from ../shared/models, on a central 128³ crop of the T1 sample (small enough for the
// whole graph's 104 logit channels), run once through the pipeline's whole-cube path (every
// class's logits, then argmax) and once through its split path (trunk, then the head over slabs of
// an uneven depth, 7, so the last slab is partial and every slab boundary is crossed). Real
// onnxruntime-node sessions, hash-checked, in this process instead of the job's worker.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelPart, ModelRunner } from '../../../../../electron/core/inference/pipelines/pipeline';
import { argmaxLabels } from '../../../../../electron/core/inference/pipelines/volume-segmentation/label-volume';
import { runSegmentationModel } from '../../../../../electron/core/inference/pipelines/volume-segmentation/run-segmentation-model';
import { runSplitSegmentation } from '../../../../../electron/core/inference/pipelines/volume-segmentation/run-split-segmentation';
import { type ModelSession, createModelSession, sha256Hex } from '../../../../../electron/core/inference/runtime/model-session';
import type { ModelManifest } from '../../../../../electron/shared/model-manifest';
import { MESHNET_OPSET, buildMeshNetGraph } from '../../../../../native-models/src/meshnet-graph';
import { encodeOnnxModel } from '../../../../../native-models/src/onnx/onnx-model';
import { buildPackage, loadSource } from '../../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS, sharedModels } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';
import { centralCrop, percentileNormalize, readNifti } from '../../../native-models/sample-volume';

const SIDE = 128;

/** A ModelRunner over model files: `model` / `head` of the split package, `whole` for the unsplit graph. */
function fileRunner(files: Record<'model' | 'head' | 'whole', { file: string; sha256: string }>, manifest: ModelManifest) {
  const sessions: ModelSession[] = [];
  const open = new Map<string, Promise<ModelSession>>();
  const runs = { model: 0, head: 0, whole: 0 };
  const runnerFor = (trunkKey: 'model' | 'whole'): ModelRunner => ({
    manifest: () => manifest,
    async run(_id, inputs, part: ModelPart = 'model') {
      const key = part === 'head' ? 'head' : trunkKey;
      runs[key]++;
      let session = open.get(key);
      if (!session) {
        session = createModelSession(files[key].file, files[key].sha256);
        open.set(key, session);
        sessions.push(await session);
      }
      const s = await session;
      return { outputs: await s.run(inputs), provider: s.provider };
    },
  });
  return { split: runnerFor('model'), whole: runnerFor('whole'), runs, release: () => Promise.all(sessions.map((s) => s.release())) };
}

describe.skipIf(!HAS_SHARED)(`split segmentation equals the whole network${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-split-');
  afterAll(() => temp.remove());

  it(`atlas-dk-104 on a ${SIDE}³ crop: identical labels, voxel for voxel`, async () => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.id === 'atlas-dk-104');
    if (!def) throw new Error('no atlas-dk-104 package definition');
    const built = buildPackage(def, SHARED_MODELS, temp.dir);
    const manifest = built.manifest;
    if (!manifest.head) throw new Error('the atlas package is not split at its classifier');
    const whole = encodeOnnxModel(buildMeshNetGraph(loadSource(def, SHARED_MODELS).spec, def.id), { opset: MESHNET_OPSET, producerName: 'test', producerVersion: '0', docString: 'unsplit', metadata: {} });
    const wholeFile = path.join(temp.dir, 'atlas-whole.onnx');
    writeFileSync(wholeFile, whole);
    const runner = fileRunner(
      {
        model: { file: path.join(built.dir, 'model.onnx'), sha256: manifest.sha256 },
        head: { file: path.join(built.dir, 'head.onnx'), sha256: manifest.head.sha256 },
        whole: { file: wholeFile, sha256: sha256Hex(whole) },
      },
      manifest,
    );
    const crop = centralCrop(percentileNormalize(readNifti(sharedModels('sample-inputs', 't1_crop.nii.gz'))), SIDE);
    const dims = crop.dims;
    const signal = new AbortController().signal;
    try {
      // The whole graph's manifest: one output of every class's logits, no head.
      const wholeManifest: ModelManifest = { ...manifest, head: undefined, outputs: [{ name: 'output', dtype: 'float32', shape: ['N', manifest.labels.length, SIDE, SIDE, SIDE], axes: 'NCDHW' }] };
      const logits = await runSegmentationModel(runner.whole, wholeManifest, crop.data.slice(), dims, null, () => {}, signal);
      expect(logits.classes).toBe(104);
      const expected = argmaxLabels(logits, dims, 'last_axis_fastest');

      const fractions: number[] = [];
      const split = await runSplitSegmentation(runner.split, manifest, crop.data.slice(), dims, 'last_axis_fastest', (f) => fractions.push(f), signal, { slabDepth: 7 });
      expect(runner.runs).toEqual({ whole: 1, model: 1, head: Math.ceil(SIDE / 7) });
      expect(fractions.at(-1)).toBe(1);
      expect(split.length).toBe(expected.length);
      let differ = 0;
      const present = new Set<number>();
      for (let n = 0; n < split.length; n++) {
        if (split[n] !== expected[n]) differ++;
        present.add(split[n] as number);
      }
      console.log(JSON.stringify({ bench: 'split-vs-whole', model: def.id, side: SIDE, voxels: split.length, differ, regions: present.size - 1 }));
      expect(differ).toBe(0);
      // Real anatomy, not an all-background agreement (measured: 101 regions in this crop).
      expect(present.size).toBeGreaterThan(50);

      // A machine the plan does not fit is refused before the trunk runs.
      const before = { ...runner.runs };
      await expect(runSplitSegmentation(runner.split, manifest, crop.data.slice(), dims, 'last_axis_fastest', () => {}, signal, { totalMemoryBytes: 256 * 2 ** 20 })).rejects.toMatchObject({
        code: 'INSUFFICIENT_MEMORY',
        message: expect.stringMatching(/atlas-dk-104 needs about/),
      });
      expect(runner.runs).toEqual(before);
    } finally {
      await runner.release();
    }
  }, 600_000);
});
