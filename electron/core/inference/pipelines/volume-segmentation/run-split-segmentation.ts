// Runs a segmentation network split at its classifier (manifest `head`, meshnet-graph.ts): the
// trunk once over the whole tensor, giving the last feature map, then the head (1×1×1 classifier +
// ArgMax) over slabs along the tensor's first spatial axis, keeping only a running label volume.
// A 1×1×1 convolution reads one voxel's features, so slabs need no margin and meet without seams:
// the labels are those of the unsplit network. The memory plan (memory-budget.ts) sizes the slabs
// and refuses a run that does not fit before anything big is allocated.
import type { ModelManifest } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { TensorLayout } from '../conform/tensor-layout';
import type { ModelRunner } from '../pipeline';
import { type LabelArray, labelsFromTensorOrder } from './label-volume';
import { assertFitsInMemory, splitSegmentationPlan } from './memory-budget';

export interface SplitRunOptions {
  /** Machine memory to plan against (default: this machine's). */
  totalMemoryBytes?: number;
  /** Slices per head run instead of the plan's (tests use an uneven one to prove slabs meet exactly). */
  slabDepth?: number;
  /** Passes in this analysis (2 with the flip test): a later pass overlaps the earlier one's garbage. */
  passes?: 1 | 2;
}

/** Share of the run's progress given to the trunk: the atlas head is 2 184 of 86 100 multiply-adds per voxel. */
const TRUNK_SHARE = 0.9;

export async function runSplitSegmentation(
  runner: ModelRunner,
  manifest: ModelManifest,
  tensor: Float32Array,
  dims: readonly [number, number, number],
  layout: TensorLayout,
  progress: (fraction: number) => void,
  signal: AbortSignal,
  options: SplitRunOptions = {},
): Promise<LabelArray> {
  const { head } = manifest;
  const input = manifest.inputs[0];
  const trunkOutput = manifest.outputs[0];
  const features = trunkOutput?.shape[1];
  if (!head || !input || !trunkOutput || typeof features !== 'number') {
    throw new AppError('MODEL_INVALID', `The manifest of ${manifest.id} does not describe a split network (head, input, and a feature map with a fixed channel count).`);
  }
  const classes = Math.max(2, manifest.labels.length);
  const plan = splitSegmentationPlan(dims, features, classes, options.totalMemoryBytes, options.passes);
  assertFitsInMemory(manifest.id, plan.bytes, options.totalMemoryBytes);
  const cancelled = () => new AppError('CANCELLED', 'The analysis was cancelled.');

  const trunk = await runner.run(manifest.id, { [input.name]: { dims: [1, 1, ...dims], data: tensor } });
  const featureMap = trunk.outputs[trunkOutput.name]?.data;
  const voxels = dims[0] * dims[1] * dims[2];
  if (!featureMap || featureMap.length !== features * voxels) {
    throw new AppError('INFERENCE_FAILED', `The model's trunk gave ${featureMap?.length ?? 0} values as ${trunkOutput.name}, not ${features} channels of ${voxels} voxels.`);
  }
  progress(TRUNK_SHARE);
  if (signal.aborted) throw cancelled();

  const plane = dims[1] * dims[2];
  const depth = Math.max(1, Math.min(dims[0], options.slabDepth ?? plan.slabDepth));
  const labels: LabelArray = classes <= 256 ? new Uint8Array(voxels) : new Uint16Array(voxels);
  for (let start = 0; start < dims[0]; start += depth) {
    if (signal.aborted) throw cancelled();
    const slices = Math.min(depth, dims[0] - start);
    const slab = new Float32Array(features * slices * plane);
    for (let f = 0; f < features; f++) {
      const from = f * voxels + start * plane;
      slab.set(featureMap.subarray(from, from + slices * plane), f * slices * plane);
    }
    const out = await runner.run(manifest.id, { [head.input.name]: { dims: [1, features, slices, dims[1], dims[2]], data: slab } }, 'head');
    const slabLabels = out.outputs[head.labels.name]?.data;
    if (!slabLabels || slabLabels.length !== slices * plane) {
      throw new AppError('INFERENCE_FAILED', `The classifier head gave ${slabLabels?.length ?? 0} labels for a slab of ${slices * plane} voxels.`);
    }
    for (let n = 0, o = start * plane; n < slabLabels.length; n++, o++) {
      const label = slabLabels[n] as number;
      if (!(label >= 0 && label < classes)) throw new AppError('INFERENCE_FAILED', `The classifier head gave class ${label}, outside the ${classes} classes of ${manifest.id}.`);
      labels[o] = label;
    }
    progress(TRUNK_SHARE + ((1 - TRUNK_SHARE) * (start + slices)) / dims[0]);
  }
  return labelsFromTensorOrder(labels, dims, layout);
}
