// Each converted package must agree with an independent execution of the ORIGINAL published
// weights: test/reference/meshnet_reference.py builds the network in PyTorch (Debian's
// python3-torch) from the layer JSON / tfjs topology and loads the weights with its own
// readers. Both run on the same input tensor, from the shared conformed T1 sample; ≥ 99.9 %
// of voxels must get the same argmax label. On 2 CI cores PyTorch's CPU dilated 3-D
// convolution is slow (minutes per 256³ volume for the wide models), so CI runs each model on
// a crop of the sample centred on the head: 96³ for the 5-channel model, 64³ for the others
// (the networks are fully convolutional, so a crop is a valid input for both sides, it just
// is not what the model sees in use). YINGDU_FULL_EQUIVALENCE=1 runs every model on the whole
// 256³ volume; YINGDU_EQUIVALENCE_SIDE and YINGDU_EQUIVALENCE_ONLY choose other sizes and
// models. Figures of such runs are in native-models/README.md.
// A package split at its classifier (head.onnx: the atlas, aparc) is checked on both forms: the
// unsplit graph built from the same spec gives the logits (mean check) and argmax, and the
// package's trunk + head must give exactly those labels, so ≥ 99.9 % agreement holds for both.
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelSession, sha256Hex } from '../../../electron/core/inference/runtime/model-session';
import { MESHNET_OPSET, buildMeshNetGraph } from '../../../native-models/src/meshnet-graph';
import { encodeOnnxModel } from '../../../native-models/src/onnx/onnx-model';
import { type BuiltPackage, buildPackage, loadSource } from '../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, REPO_ROOT, SHARED_MISSING_REASON, SHARED_MODELS, sharedModels } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';
import { type Volume, agreement, argmaxLabels, centralCrop, distinctLabels, percentileNormalize, readNifti } from './sample-volume';

/** Crop side for every model (256 = whole volume): YINGDU_EQUIVALENCE_SIDE, or 256 with YINGDU_FULL_EQUIVALENCE=1. */
const SIDE_OVERRIDE = process.env.YINGDU_FULL_EQUIVALENCE === '1' ? 256 : Number(process.env.YINGDU_EQUIVALENCE_SIDE) || null;
/** YINGDU_EQUIVALENCE_ONLY=id,id restricts a manual run to some packages. */
const ONLY = (process.env.YINGDU_EQUIVALENCE_ONLY ?? '').split(',').filter(Boolean);
const REFERENCE = path.join(REPO_ROOT, 'test', 'reference', 'meshnet_reference.py');
const PYTHON = '/usr/bin/python3'; // Debian's interpreter, where python3-torch lives.
const REFERENCE_FORMAT = { safetensors: 'safetensors', 'tfjs-layers': 'tfjs', 'pytorch-zip': 'torchzip' } as const;

/**
 * Package, CI crop side and the fewest distinct labels a sensible output of that crop has
 * (measured: 3, 2, 18, 18, 13, 77, 31, 2), so a converter that collapses classes fails.
 */
const CASES: { id: string; side: number; minLabels: number }[] = [
  { id: 'tissue-gwm', side: 96, minLabels: 3 },
  { id: 'brain-mask-mindgrab', side: 64, minLabels: 2 },
  { id: 'subcortical-18', side: 64, minLabels: 15 },
  { id: 'subcortical-18-tfjs', side: 64, minLabels: 15 },
  { id: 'subcortical-18-mini', side: 64, minLabels: 10 },
  { id: 'atlas-dk-104', side: 64, minLabels: 60 },
  { id: 'aparc-50', side: 64, minLabels: 25 },
  { id: 'stroke-lesion-t2-experimental', side: 64, minLabels: 1 },
]
  .filter((c) => ONLY.length === 0 || ONLY.includes(c.id))
  .map((c) => ({ ...c, side: SIDE_OVERRIDE ?? c.side }));

describe.skipIf(!HAS_SHARED)(`converted models agree with PyTorch on the original weights${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-equivalence-');
  let full: Volume;
  const crops = new Map<number, Volume>();
  const figures: Record<string, unknown>[] = [];

  beforeAll(() => {
    full = percentileNormalize(readNifti(sharedModels('sample-inputs', 't1_crop.nii.gz')));
    crops.set(256, full);
  });
  afterAll(() => {
    for (const f of figures) process.stdout.write(`${JSON.stringify({ equivalence: f })}\n`);
    temp.remove();
  });

  const inputFor = (side: number): Volume => {
    if (!crops.has(side)) crops.set(side, centralCrop(full, side));
    return crops.get(side) as Volume;
  };

  for (const testCase of CASES) {
    it(`${testCase.id} (${testCase.side}³)`, async () => {
      const def = PACKAGE_DEFINITIONS.find((d) => d.id === testCase.id);
      if (!def) throw new Error(`no package definition ${testCase.id}`);
      const built: BuiltPackage = buildPackage(def, SHARED_MODELS, temp.dir);
      const input = inputFor(testCase.side);
      const classes = built.manifest.labels.length;

      const inputFile = path.join(temp.dir, `${def.id}.input.f32`);
      const referenceFile = path.join(temp.dir, `${def.id}.reference.u8`);
      writeFileSync(inputFile, new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength));
      const referenceRun = JSON.parse(
        execFileSync(PYTHON, [REFERENCE, REFERENCE_FORMAT[def.format], path.join(SHARED_MODELS, def.sourceDir), inputFile, ...input.dims.map(String), referenceFile], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        }).trim().split('\n').pop() as string,
      ) as { seconds: number; classes: number; logitMeans: number[] };
      const reference = new Uint8Array(readFileSync(referenceFile));

      // The unsplit network: the package's model.onnx, or for a split package the whole graph built here.
      let wholeFile = path.join(built.dir, 'model.onnx');
      let wholeSha = built.manifest.sha256;
      if (built.manifest.head) {
        const whole = encodeOnnxModel(buildMeshNetGraph(loadSource(def, SHARED_MODELS).spec, def.id), { opset: MESHNET_OPSET, producerName: 'test', producerVersion: '0', docString: 'unsplit', metadata: {} });
        wholeFile = path.join(temp.dir, `${def.id}.whole.onnx`);
        writeFileSync(wholeFile, whole);
        wholeSha = sha256Hex(whole);
      }
      const session = await createModelSession(wholeFile, wholeSha);
      const started = performance.now();
      const result = await session.run({ input: { dims: [1, 1, ...input.dims], data: input.data } });
      const ortSeconds = (performance.now() - started) / 1000;
      await session.release();
      const output = result.output;
      if (!output) throw new Error('model has no "output"');
      expect(output.dims).toEqual([1, classes, ...input.dims]);
      const labels = argmaxLabels(output.data, classes);

      const agree = agreement(labels, reference);
      if (built.manifest.head) {
        const trunk = await createModelSession(path.join(built.dir, 'model.onnx'), built.manifest.sha256);
        const features = (await trunk.run({ input: { dims: [1, 1, ...input.dims], data: input.data } })).features;
        await trunk.release();
        const head = await createModelSession(path.join(built.dir, 'head.onnx'), built.manifest.head.sha256);
        const split = (await head.run({ features: features as NonNullable<typeof features> })).labels;
        await head.release();
        expect(split?.dims).toEqual([1, 1, ...input.dims]);
        const splitLabels = Uint8Array.from(split?.data ?? []);
        let differ = 0;
        for (let n = 0; n < labels.length; n++) if (splitLabels[n] !== labels[n]) differ++;
        expect(differ).toBe(0);
        expect(agreement(splitLabels, reference)).toBeGreaterThanOrEqual(0.999);
      }
      figures.push({
        model: def.id,
        side: testCase.side,
        agreementPercent: Number((agree * 100).toFixed(4)),
        distinctLabels: distinctLabels(labels),
        onnxruntimeSeconds: Number(ortSeconds.toFixed(2)),
        onnxruntimeProvider: session.provider,
        pytorchSeconds: referenceRun.seconds,
      });
      expect(referenceRun.classes).toBe(classes);
      // Mean logit per class agrees too (float32 summation order differs: relative 1e-3).
      const voxels = output.data.length / classes;
      referenceRun.logitMeans.forEach((expected, c) => {
        let sum = 0;
        for (let v = c * voxels; v < (c + 1) * voxels; v++) sum += output.data[v] as number;
        expect(Math.abs(sum / voxels - expected)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(expected)));
      });
      expect(agree).toBeGreaterThanOrEqual(0.999);
      // A converter that zeroed everything would agree with itself but not produce anatomy.
      expect(distinctLabels(labels)).toBeGreaterThanOrEqual(testCase.minLabels);
    }, testCase.side >= 256 ? 3_600_000 : 900_000);
  }
});
