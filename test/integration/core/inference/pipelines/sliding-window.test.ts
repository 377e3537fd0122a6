// The `sliding_window` path of the segmentation pipeline against a whole-volume run of the same
// real ONNX model in ONNX Runtime. The model is a TEST MODEL built by the project's MeshNet graph
// writer: one 1×1×1 convolution (logits x − 0.5 and 0.5 − x), so every voxel's logits depend on
// that voxel alone and the blended patches must equal the whole-volume logits exactly, whatever
// the patch grid, overlap and blend weights. Checks that each voxel is covered, weighted and
// written back at the right place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSegmentationModel } from '../../../../../electron/core/inference/pipelines/volume-segmentation/run-segmentation-model';
import type { ModelRunner } from '../../../../../electron/core/inference/pipelines/pipeline';
import { createModelSession, type ModelSession, sha256Hex } from '../../../../../electron/core/inference/runtime/model-session';
import type { ModelManifest } from '../../../../../electron/shared/model-manifest';
import { buildMeshNetGraph, MESHNET_OPSET } from '../../../../../native-models/src/meshnet-graph';
import { encodeOnnxModel } from '../../../../../native-models/src/onnx/onnx-model';
import { seededRandom } from '../../../../support/seeded-random';
import { makeTempDir } from '../../../../support/temp-dir';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

describe('sliding window', () => {
  const temp = makeTempDir('yingdu-window-');
  let session: ModelSession;
  let runner: ModelRunner;
  const manifest = { id: 'pointwise-test-model', inputs: [{ name: 'input' }], outputs: [{ name: 'output' }], labels: [] } as unknown as ModelManifest;

  beforeAll(async () => {
    const graph = buildMeshNetGraph(
      {
        inChannels: 1,
        classes: 2,
        layers: [{ weight: { shape: [2, 1, 1, 1, 1], data: Float32Array.from([1, -1]) }, bias: Float32Array.from([-0.5, 0.5]), dilation: 1, padding: 0, batchNorm: null, instanceNorm: null, activation: 'none' }],
      },
      'pointwise-test-model',
    );
    const bytes = encodeOnnxModel(graph, { opset: MESHNET_OPSET, producerName: 'yingdu-test', producerVersion: '0', docString: 'TEST MODEL', metadata: {} });
    const file = path.join(temp.dir, 'model.onnx');
    writeFileSync(file, bytes);
    session = await createModelSession(file, sha256Hex(bytes), { providers: ['cpu'] });
    runner = {
      manifest: () => manifest,
      run: async (_id, inputs) => ({ outputs: await session.run(inputs), provider: session.provider }),
    };
  });
  afterAll(async () => {
    await session?.release();
    temp.remove();
  });

  it('blends overlapping patches back to exactly the whole-volume logits', async () => {
    const dims = [37, 30, 26] as const;
    const random = seededRandom(5);
    const tensor = Float32Array.from({ length: dims[0] * dims[1] * dims[2] }, () => random());
    const signal = new AbortController().signal;
    const whole = await runSegmentationModel(runner, manifest, tensor, dims, null, () => {}, signal);
    expect(whole.classes).toBe(2);
    const fractions: number[] = [];
    for (const blend of ['gaussian', 'constant'] as const) {
      const windowed = await runSegmentationModel(runner, manifest, tensor, dims, { op: 'sliding_window', patch: [16, 16, 16], overlap: 0.5, blend }, (f) => fractions.push(f), signal);
      expect(windowed.classes).toBe(2);
      let worst = 0;
      for (let n = 0; n < whole.data.length; n++) worst = Math.max(worst, Math.abs(windowed.data[n]! - whole.data[n]!));
      expect(worst).toBeLessThan(1e-5);
    }
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(8);
  });

  it('stops between patches when the analysis is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const tensor = new Float32Array(20 * 20 * 20);
    await expect(runSegmentationModel(runner, manifest, tensor, [20, 20, 20], { op: 'sliding_window', patch: [8, 8, 8], overlap: 0, blend: 'constant' }, () => {}, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
