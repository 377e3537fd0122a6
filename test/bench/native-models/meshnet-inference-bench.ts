// Inference time of the converted model packages in onnxruntime-node (CPU provider, all cores)
// against the reference tool, PyTorch (Debian python3-torch, test/reference/meshnet_reference.py,
// same input, same thread count), on the shared conformed T1 sample. Also the published
// niivue-meshnet-gwm ONNX file as a second reference for the tissue model.
// `npm run bench:models -- [SIDE] [ID ...]` (SIDE default 256 = whole volume). Prints a table
// and one JSON line; asserts nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import { buildPackage } from '../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { agreement, argmaxLabels, centralCrop, percentileNormalize, readNifti } from '../../integration/native-models/sample-volume';
import { REPO_ROOT, SHARED_MODELS, sharedModels } from '../../support/shared-data';

const [sideArg, ...ids] = process.argv.slice(2);
const side = Number(sideArg ?? 256);
const REFERENCE_FORMAT = { safetensors: 'safetensors', 'tfjs-layers': 'tfjs', 'pytorch-zip': 'torchzip' } as const;

async function timeOnnx(file: string, sha: string, input: Float32Array, dims: number[]) {
  const session = await createModelSession(file, sha);
  const started = performance.now();
  const out = await session.run({ input: { dims: [1, 1, ...dims], data: input } });
  const seconds = (performance.now() - started) / 1000;
  await session.release();
  return { seconds, output: out.output?.data ?? new Float32Array(), provider: session.provider };
}

async function main() {
  const temp = mkdtempSync(path.join(tmpdir(), 'yingdu-bench-'));
  try {
    const full = percentileNormalize(readNifti(sharedModels('sample-inputs', 't1_crop.nii.gz')));
    const volume = side === 256 ? full : centralCrop(full, side);
    const inputFile = path.join(temp, 'input.f32');
    writeFileSync(inputFile, new Uint8Array(volume.data.buffer));
    const rows: Record<string, unknown>[] = [];
    for (const def of PACKAGE_DEFINITIONS.filter((d) => ids.length === 0 || ids.includes(d.id))) {
      const built = buildPackage(def, SHARED_MODELS, temp);
      const classes = built.manifest.labels.length;
      const ours = await timeOnnx(path.join(built.dir, 'model.onnx'), built.manifest.sha256, volume.data, volume.dims);
      const refFile = path.join(temp, `${def.id}.u8`);
      const ref = JSON.parse(
        execFileSync('/usr/bin/python3', [path.join(REPO_ROOT, 'test/reference/meshnet_reference.py'), REFERENCE_FORMAT[def.format], path.join(SHARED_MODELS, def.sourceDir), inputFile, ...volume.dims.map(String), refFile], { encoding: 'utf8' }).trim().split('\n').pop() as string,
      ) as { seconds: number };
      const row: Record<string, unknown> = {
        model: def.id,
        side,
        onnxruntimeSeconds: Number(ours.seconds.toFixed(2)),
        pytorchSeconds: ref.seconds,
        agreementPercent: Number((agreement(argmaxLabels(ours.output, classes), new Uint8Array(readFileSync(refFile))) * 100).toFixed(4)),
        provider: ours.provider,
      };
      // The published file declares a fixed [N,1,256,256,256] input, so it runs on the whole volume only.
      if (def.id === 'tissue-gwm' && side === 256) {
        const published = sharedModels('niivue-meshnet-gwm', 'model.onnx');
        const niivue = await timeOnnx(published, createHash('sha256').update(readFileSync(published)).digest('hex'), volume.data, volume.dims);
        row.niivueOnnxSeconds = Number(niivue.seconds.toFixed(2));
        row.niivueAgreementPercent = Number((agreement(argmaxLabels(ours.output, 3), argmaxLabels(niivue.output, 3)) * 100).toFixed(4));
      }
      rows.push(row);
      process.stdout.write(`${def.id.padEnd(32)} ${side}³  onnxruntime ${String(row.onnxruntimeSeconds).padStart(7)} s   pytorch ${String(ref.seconds).padStart(7)} s   agree ${row.agreementPercent} %\n`);
    }
    process.stdout.write(`${JSON.stringify({ bench: 'meshnet-inference', cores: cpus().length, rows })}\n`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

void main();
