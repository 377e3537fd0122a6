// Runs a fully convolutional segmentation model on the whole conformed tensor, or on
// overlapping patches blended back when the manifest asks for a `sliding_window` (for models
// that need a fixed input size or hosts short of memory). Returns per-class logits over the
// whole tensor in the tensor's own layout ([C, D, H, W] flattened).
import type { ModelManifest, PreprocessStep } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { PlainTensor } from '../../runtime/model-session';
import type { ModelRunner } from '../pipeline';
import { assertFitsInMemory, segmentationMemoryBytes } from './memory-budget';

export interface Logits {
  classes: number;
  /** classes × D × H × W, class slowest. */
  data: Float32Array;
}

type Window = Extract<PreprocessStep, { op: 'sliding_window' }>;

async function runOnce(runner: ModelRunner, manifest: ModelManifest, data: Float32Array, dims: readonly [number, number, number]): Promise<Logits> {
  const input = manifest.inputs[0];
  const output = manifest.outputs[0];
  if (!input || !output) throw new AppError('MODEL_INVALID', `The manifest of ${manifest.id} names no input or output tensor.`);
  const { outputs } = await runner.run(manifest.id, { [input.name]: { dims: [1, 1, ...dims], data } });
  const logits: PlainTensor | undefined = outputs[output.name];
  if (!logits) throw new AppError('INFERENCE_FAILED', `The model produced no output named ${output.name}.`);
  const voxels = dims[0] * dims[1] * dims[2];
  const classes = logits.data.length / voxels;
  if (!Number.isInteger(classes) || classes < 2) throw new AppError('INFERENCE_FAILED', `The model's output has ${logits.data.length} values, not a multiple of the ${voxels} input voxels.`);
  return { classes, data: logits.data };
}

function starts(size: number, patch: number, stride: number): number[] {
  if (patch >= size) return [0];
  const out: number[] = [];
  for (let s = 0; s + patch < size; s += stride) out.push(s);
  out.push(size - patch);
  return out;
}

/** Gaussian weights (σ = patch/8, as nnU-Net and MONAI blend) or flat ones, one axis. */
function axisWeights(patch: number, blend: Window['blend']): Float32Array {
  const w = new Float32Array(patch).fill(1);
  if (blend === 'constant') return w;
  const sigma = patch / 8;
  const centre = (patch - 1) / 2;
  for (let n = 0; n < patch; n++) w[n] = Math.max(1e-3, Math.exp(-((n - centre) ** 2) / (2 * sigma * sigma)));
  return w;
}

export async function runSegmentationModel(
  runner: ModelRunner,
  manifest: ModelManifest,
  tensor: Float32Array,
  dims: readonly [number, number, number],
  window: Window | null,
  progress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Logits> {
  // Labels name every output class; checked before anything big is allocated.
  const plannedPatch = window ? (window.patch.map((p, n) => Math.min(p, dims[n] as number)) as [number, number, number]) : null;
  assertFitsInMemory(manifest.id, segmentationMemoryBytes(dims, Math.max(2, manifest.labels.length), plannedPatch));
  if (!window) {
    const out = await runOnce(runner, manifest, tensor, dims);
    progress(1);
    return out;
  }
  const [d, h, w] = dims;
  const patch = window.patch.map((p, n) => Math.min(p, dims[n] as number)) as [number, number, number];
  const stride = patch.map((p) => Math.max(1, Math.floor(p * (1 - window.overlap))));
  const origins: Array<[number, number, number]> = [];
  for (const a of starts(d, patch[0], stride[0] as number)) for (const b of starts(h, patch[1], stride[1] as number)) for (const c of starts(w, patch[2], stride[2] as number)) origins.push([a, b, c]);
  const [wa, wb, wc] = patch.map((p) => axisWeights(p, window.blend)) as [Float32Array, Float32Array, Float32Array];
  let sum: Float32Array | null = null;
  const weight = new Float32Array(d * h * w);
  let classes = 0;
  const patchVoxels = patch[0] * patch[1] * patch[2];
  for (const [index, [a, b, c]] of origins.entries()) {
    if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
    const input = new Float32Array(patchVoxels);
    for (let x = 0, o = 0; x < patch[0]; x++) for (let y = 0; y < patch[1]; y++, o += patch[2]) input.set(tensor.subarray(((a + x) * h + b + y) * w + c, ((a + x) * h + b + y) * w + c + patch[2]), o);
    const out = await runOnce(runner, manifest, input, patch);
    classes = out.classes;
    sum ??= new Float32Array(classes * d * h * w);
    for (let x = 0, o = 0; x < patch[0]; x++) {
      for (let y = 0; y < patch[1]; y++) {
        for (let z = 0; z < patch[2]; z++, o++) {
          const g = (wa[x] as number) * (wb[y] as number) * (wc[z] as number);
          const target = ((a + x) * h + b + y) * w + c + z;
          weight[target] = (weight[target] as number) + g;
          for (let k = 0; k < classes; k++) sum[k * d * h * w + target] = (sum[k * d * h * w + target] as number) + g * (out.data[k * patchVoxels + o] as number);
        }
      }
    }
    progress((index + 1) / origins.length);
  }
  const all = sum as Float32Array;
  const voxels = d * h * w;
  for (let k = 0; k < classes; k++) for (let v = 0; v < voxels; v++) all[k * voxels + v] = (all[k * voxels + v] as number) / ((weight[v] as number) || 1);
  return { classes, data: all };
}
