// Brain mask for the stroke pipeline: the `brain-mask-mindgrab` package (skull stripping for
// any MR contrast) run on the mean b≈0 image with the same manifest-driven steps as the brain
// segmentation pipeline (volume-segmentation/): conform to the package's cube (256³, 1 mm, LIA),
// its intensity normalisation and tensor layout, argmax, its component clean-up, and nearest-
// neighbour back onto the DWI grid.
import { conformVolume, inverseConformLabels } from '../conform/conform-volume';
import { toTensorData } from '../conform/tensor-layout';
import type { VoxelGrid } from '../conform/voxel-grid';
import type { ModelRunner } from '../pipeline';
import { normalizeIntensities } from '../volume-segmentation/intensity-normalize';
import { argmaxLabels, cleanComponents } from '../volume-segmentation/label-volume';
import { runSegmentationModel } from '../volume-segmentation/run-segmentation-model';
import { segmentationPlan } from '../volume-segmentation/segmentation-steps';

/** 1 = brain, on `grid` (the DWI grid), from `s0` (modality values on that grid). */
export async function brainMaskFromB0(
  runner: ModelRunner,
  maskModelId: string,
  grid: VoxelGrid,
  s0: Float32Array,
  progress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const manifest = runner.manifest(maskModelId);
  const plan = segmentationPlan(manifest);
  const conformed = conformVolume({ ...grid, voxels: s0, rescaleSlope: 1, rescaleIntercept: 0 }, plan.conform, plan.conform.interpolation === 'nearest' ? 'nearest' : 'linear');
  const dims = conformed.grid.dimensions;
  normalizeIntensities(conformed.voxels, plan.intensity);
  const logits = await runSegmentationModel(runner, manifest, toTensorData(conformed.voxels, dims, plan.layout), dims, plan.slidingWindow, progress, signal);
  const labels = argmaxLabels(logits, dims, plan.layout);
  if (plan.components || plan.minComponentVoxels > 0) {
    cleanComponents(labels, dims, { keepLargest: plan.components?.keepLargest ?? false, connectivity: plan.components?.connectivity ?? 26, minVoxels: plan.minComponentVoxels });
  }
  const brain = manifest.labels.find((l) => l.key === 'brain')?.index ?? 1;
  const onSource = inverseConformLabels(labels, conformed.grid, grid);
  return Uint8Array.from(onSource, (v) => (v === brain ? 1 : 0));
}
