// A whole-cube segmentation holds every class's logits for every voxel (ONNX Runtime's output plus
// the copy handed back from the worker), on top of the network's activations. For the 104-region
// atlas at 256³ that is ~18 GB: on an ordinary workstation the inference worker would die mid-run
// (or take the app with it) instead of saying why. So the run is sized first and refused with
// INSUFFICIENT_MEMORY when it would need more than three quarters of the machine's memory.
// The activation term is calibrated on the measured peaks at 256³ (mindgrab, 2 classes: 3.8 GiB;
// subcortical-18: 6.7 GiB): 72 float32 values per voxel covers both.
// A network split at its classifier (manifest `head`, e.g. the atlas) holds its feature map instead
// (21 channels for the atlas) and the logits of one slab at a time: `splitSegmentationPlan`.
import { totalmem } from 'node:os';
import { AppError } from '../../../../shared/result';

const BYTES = 4;
const ACTIVATION_VALUES_PER_VOXEL = 72;
/** Share of physical memory one analysis may plan to use (the viewer and the OS need the rest). */
export const MEMORY_SHARE = 0.75;

/** Planned peak bytes of one run: whole cube (`patch` null) or sliding window of `patch`. */
export function segmentationMemoryBytes(dims: readonly [number, number, number], classes: number, patch: readonly [number, number, number] | null): number {
  const voxels = dims[0] * dims[1] * dims[2];
  if (!patch) return voxels * BYTES * (2 * classes + ACTIVATION_VALUES_PER_VOXEL);
  const patchVoxels = patch[0] * patch[1] * patch[2];
  // The blended sum and weights over the whole cube, plus one patch's run.
  return voxels * BYTES * (classes + 1) + patchVoxels * BYTES * (2 * classes + ACTIVATION_VALUES_PER_VOXEL);
}

/** Bigger head slabs only add memory, not speed: ONNX Runtime already spreads one slab over every core. */
const MAX_SLAB_BYTES = 256 * 2 ** 20;

export interface SplitSegmentationPlan {
  bytes: number;
  /** Slices (along the tensor's first spatial axis) per head run. */
  slabDepth: number;
}

/**
 * Planned peak of a run split at the classifier, the larger of its two phases. Trunk: the
 * activations plus the feature map twice (ONNX Runtime's output and the worker's copy), and with a
 * second pass (the flip test) three more copies of the first pass's map (the worker's, the main
 * thread's, ONNX Runtime's output), which live until each thread's next garbage collection — the
 * atlas at 256³ measured 6.0 GiB peak in one pass, 10.3 GiB in two. Head: the feature map, the label
 * volumes, and one slab (its features twice, every class's logits, the int64 argmax, its float
 * copies). The slab is as deep as fits in what the budget leaves, capped.
 */
export function splitSegmentationPlan(
  dims: readonly [number, number, number],
  features: number,
  classes: number,
  totalBytes: number = totalmem(),
  passes: 1 | 2 = 1,
): SplitSegmentationPlan {
  const voxels = dims[0] * dims[1] * dims[2];
  const trunk = voxels * BYTES * (ACTIVATION_VALUES_PER_VOXEL + 2 * features + (passes - 1) * 3 * features);
  const headBase = voxels * (BYTES * features + 4);
  const perSlice = dims[1] * dims[2] * BYTES * (2 * features + classes + 5);
  const room = Math.min(MAX_SLAB_BYTES, totalBytes * MEMORY_SHARE - headBase);
  const slabDepth = Math.max(1, Math.min(dims[0], Math.floor(room / perSlice)));
  return { bytes: Math.max(trunk, headBase + slabDepth * perSlice), slabDepth };
}

export function assertFitsInMemory(modelId: string, plannedBytes: number, totalBytes: number = totalmem()): void {
  const budget = totalBytes * MEMORY_SHARE;
  if (plannedBytes <= budget) return;
  const gb = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  throw new AppError(
    'INSUFFICIENT_MEMORY',
    `Model ${modelId} needs about ${gb(plannedBytes)} GB of memory for this series, more than this workstation can give one analysis (${gb(budget)} of ${gb(totalBytes)} GB). Run it on a workstation with more memory; nothing was changed.`,
  );
}
