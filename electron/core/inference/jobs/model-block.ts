// What this step feeds a model and reads back. LIMITATION (named on purpose): this is not the
// manifest's pre-processing pipeline (conform / resample / percentile normalisation / sliding
// window come in a later task). It takes a centre block of the first volume on the source
// grid, at most `edge` voxels per axis (the MeshNet graphs have symbolic D/H/W, so any block
// size runs), scales the block's modality values (PS3.3 C.11.1.1.2 rescale) min–max to [0, 1],
// runs the model once and counts the argmax label of every voxel. The counts say the model
// ran on real pixels and produced labels; they are not a clinical measurement.
import type { TensorSpec } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import type { PlainTensor } from '../runtime/model-session';
import type { Volume } from '../../volumes/volume';

export interface ModelBlock {
  tensor: PlainTensor;
  size: [number, number, number];
  origin: [number, number, number];
}

/** Builds the input tensor for a single-channel NCDHW float32 input from the volume's centre block. */
export function centreBlock(volume: Volume, input: TensorSpec, edge: number): ModelBlock {
  if (input.axes !== 'NCDHW' || input.dtype !== 'float32' || input.shape[1] !== 1) {
    throw new AppError(
      'MODEL_INVALID',
      `This version runs only models with one float32 NCDHW input channel; input ${input.name} is ${input.dtype} ${input.axes} with shape ${input.shape.join('×')}.`,
    );
  }
  const [nx, ny, nz] = volume.dimensions;
  const size: [number, number, number] = [Math.min(edge, nx), Math.min(edge, ny), Math.min(edge, nz)];
  const origin: [number, number, number] = [((nx - size[0]) / 2) | 0, ((ny - size[1]) / 2) | 0, ((nz - size[2]) / 2) | 0];
  const [sx, sy, sz] = size;
  const data = new Float32Array(sx * sy * sz);
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  // Volume memory is i fastest, then j, then k, so W = i, H = j, D = k keeps the copy sequential.
  for (let k = 0; k < sz; k++) {
    for (let j = 0; j < sy; j++) {
      const row = ((origin[2] + k) * ny + origin[1] + j) * nx + origin[0];
      for (let i = 0; i < sx; i++) {
        const v = Number(volume.voxels[row + i]) * volume.rescaleSlope + volume.rescaleIntercept;
        data[n++] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const range = hi > lo ? hi - lo : 1;
  for (let m = 0; m < data.length; m++) data[m] = ((data[m] as number) - lo) / range;
  return { tensor: { dims: [1, 1, sz, sy, sx], data }, size, origin };
}

/** Voxel count per label: argmax over the channel axis of an NCDHW logits tensor. */
export function labelCounts(output: PlainTensor): Record<string, number> {
  const [, channels = 0, d = 0, h = 0, w = 0] = output.dims;
  const voxels = d * h * w;
  if (channels < 1 || output.data.length !== channels * voxels) {
    throw new AppError('INFERENCE_FAILED', `The model output has shape ${output.dims.join('×')}, not the N×C×D×H×W its manifest describes.`);
  }
  const counts = new Array<number>(channels).fill(0);
  for (let v = 0; v < voxels; v++) {
    let best = 0;
    let bestValue = output.data[v] as number;
    for (let c = 1; c < channels; c++) {
      const value = output.data[c * voxels + v] as number;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    counts[best] = (counts[best] as number) + 1;
  }
  return Object.fromEntries(counts.map((count, label) => [String(label), count]));
}
