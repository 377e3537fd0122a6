// Occlusion saliency for classification models (Zeiler & Fergus, "Visualizing and Understanding
// Convolutional Networks", ECCV 2014): slide a patch filled with the image's mean over the
// model input, re-run the model on each occluded copy (several per batch) and record how much
// the class probability drops. Forward passes only, so it works for any ONNX classifier with no
// gradients and no access to its internals. The map is on the model-input grid; the caller
// brings it back to the image.
import { AppError } from '../../../shared/result';
import type { PlainTensor } from '../runtime/model-session';

export interface OcclusionOptions {
  /** Patch edge in input pixels; default 1/8 of the shorter side (≥ 8). */
  patch?: number;
  /** Step between patches; default half the patch, so every pixel is covered by up to four. */
  stride?: number;
  /** Occluded copies per model run (models with a fixed batch of 1 need 1). */
  batch: number;
  /** Patches whose every pixel has this weight 0 are skipped (e.g. letterbox padding). */
  skipMask?: Uint8Array;
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

/** Runs the model on a batch [B, …] and returns class probabilities [B, K], row by row. */
export type BatchScorer = (batch: PlainTensor) => Promise<{ probabilities: Float32Array; classes: number }>;

export interface SaliencyResult {
  width: number;
  height: number;
  /** Probability of each class on the intact input. */
  baseline: Float32Array;
  /** Per requested class: mean drop of its probability over the patches covering each pixel (row by row). */
  maps: Map<number, Float32Array>;
  patch: number;
  stride: number;
  runs: number;
}

function positions(size: number, patch: number, stride: number): number[] {
  const out: number[] = [];
  for (let p = 0; p + patch < size; p += stride) out.push(p);
  out.push(Math.max(0, size - patch));
  return out;
}

/** `input` is [1, C, H, W] (layout NCHW) or [1, H, W, C] (NHWC). */
export async function occlusionSaliency(
  input: PlainTensor,
  layout: 'NCHW' | 'NHWC',
  classes: readonly number[],
  score: BatchScorer,
  options: OcclusionOptions,
): Promise<SaliencyResult> {
  const [, a = 0, b = 0, c = 0] = input.dims;
  const [channels, height, width] = layout === 'NCHW' ? [a, b, c] : [c, a, b];
  const pixels = width * height;
  if (input.dims.length !== 4 || input.dims[0] !== 1 || pixels === 0) throw new AppError('INVALID_ARGUMENT', 'Occlusion saliency needs one 2-D image tensor [1, C, H, W] or [1, H, W, C].');
  const patch = Math.min(width, height, options.patch ?? Math.max(8, Math.round(Math.min(width, height) / 8)));
  const stride = Math.max(1, options.stride ?? Math.round(patch / 2));
  // Element of channel ch at pixel p is ch · channelStride + p · pixelStride in either layout.
  const channelStride = layout === 'NCHW' ? pixels : 1;
  const pixelStride = layout === 'NCHW' ? 1 : channels;

  // Per-channel mean: the patch carries no structure but keeps the image's overall level.
  const fill = new Float32Array(channels);
  for (let ch = 0; ch < channels; ch++) {
    let sum = 0;
    for (let p = 0; p < pixels; p++) sum += input.data[ch * channelStride + p * pixelStride] as number;
    fill[ch] = sum / pixels;
  }

  const base = await score({ dims: input.dims, data: input.data.slice() });
  const baseline = base.probabilities.slice(0, base.classes);
  const patches: Array<[number, number]> = [];
  for (const y of positions(height, patch, stride)) {
    for (const x of positions(width, patch, stride)) {
      if (options.skipMask && !patchTouches(options.skipMask, width, x, y, patch)) continue;
      patches.push([x, y]);
    }
  }

  const sums = new Map(classes.map((k) => [k, new Float32Array(pixels)]));
  const counts = new Uint16Array(pixels);
  const batchSize = Math.max(1, options.batch);
  let runs = 1;
  for (let start = 0; start < patches.length; start += batchSize) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
    const chunk = patches.slice(start, start + batchSize);
    const data = new Float32Array(chunk.length * input.data.length);
    chunk.forEach(([x0, y0], bi) => {
      const offset = bi * input.data.length;
      data.set(input.data, offset);
      for (let ch = 0; ch < channels; ch++) {
        const value = fill[ch] as number;
        const start = offset + ch * channelStride;
        for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) data[start + (y * width + x) * pixelStride] = value;
      }
    });
    const out = await score({ dims: [chunk.length, ...input.dims.slice(1)], data });
    runs++;
    chunk.forEach(([x0, y0], bi) => {
      for (const k of classes) {
        const drop = (baseline[k] as number) - (out.probabilities[bi * out.classes + k] as number);
        const map = sums.get(k) as Float32Array;
        for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) map[y * width + x] = (map[y * width + x] as number) + drop;
      }
      for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) counts[y * width + x] = (counts[y * width + x] as number) + 1;
    });
    options.progress?.(Math.min(1, (start + chunk.length) / patches.length));
  }
  for (const map of sums.values()) for (let p = 0; p < pixels; p++) map[p] = counts[p] ? (map[p] as number) / (counts[p] as number) : 0;
  return { width, height, baseline, maps: sums, patch, stride, runs };
}

function patchTouches(mask: Uint8Array, width: number, x0: number, y0: number, patch: number): boolean {
  for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) if (mask[y * width + x]) return true;
  return false;
}
