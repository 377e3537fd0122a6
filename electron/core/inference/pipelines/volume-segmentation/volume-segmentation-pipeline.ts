// The 3-D segmentation pipeline (brain mask, tissue, subcortical, atlas packages): the manifest's
// steps as data. Conform the series volume to the model's cube (FreeSurfer 256³ 1 mm LIA for the
// brain models), normalise intensities, lay the tensor out, run the whole cube (MeshNet graphs
// are fully convolutional; patches only when the manifest has a `sliding_window` step; a network
// split at its classifier runs its trunk whole and its head slab by slab), argmax,
// clean components, map labels back onto the series grid (nearest, inverse of conform), and
// measure each structure there. With `thresholds.uncertainty` in the manifest the model runs a
// second time on the left–right mirrored cube and each structure gets an uncertainty.
import { AppError } from '../../../../shared/result';
import { conformVolume } from '../conform/conform-volume';
import { toTensorData } from '../conform/tensor-layout';
import { inverseConformLabels } from '../conform/conform-volume';
import type { Pipeline, PipelineResult } from '../pipeline';
import { flipDisagreement, mirrorLabelMap, swapSides } from './flip-uncertainty';
import { normalizeIntensities } from './intensity-normalize';
import { argmaxLabels, cleanComponents, flipAlongI, type LabelArray } from './label-volume';
import { runSegmentationModel } from './run-segmentation-model';
import { runSplitSegmentation } from './run-split-segmentation';
import { segmentationPlan } from './segmentation-steps';
import { structureFindings } from './structure-findings';

const cancelled = () => new AppError('CANCELLED', 'The analysis was cancelled.');

/** Output names are [a-z0-9_]; "subcortical-18" → "subcortical_18_labels". */
const outputName = (modelId: string) => `${modelId.replaceAll('-', '_').slice(0, 33)}_labels`;

export const volumeSegmentationPipeline: Pipeline = async ({ model, volumes, runner, progress, signal }): Promise<PipelineResult> => {
  const { manifest } = model;
  const plan = segmentationPlan(manifest);
  const volume = volumes[0];
  if (!volume) throw new AppError('NOT_A_VOLUME', 'This series has no volume to segment.');
  const warnings: string[] = [];
  if (volumes.length > 1) warnings.push(`This series holds ${volumes.length} volumes; the model ran on the first (${volume.label || 'volume 1'}).`);

  const conformed = conformVolume(volume, plan.conform, plan.conform.interpolation === 'nearest' ? 'nearest' : 'linear');
  const dims = conformed.grid.dimensions;
  normalizeIntensities(conformed.voxels, plan.intensity);
  progress(0.1);
  if (signal.aborted) throw cancelled();

  const tta = manifest.thresholds.uncertainty !== undefined;
  const share = tta ? 0.4 : 0.8;
  const predict = async (values: Float32Array, offset: number): Promise<LabelArray> => {
    const tensor = toTensorData(values, dims, plan.layout);
    const onProgress = (f: number) => progress(0.1 + share * (offset + f));
    if (manifest.head) return runSplitSegmentation(runner, manifest, tensor, dims, plan.layout, onProgress, signal, { passes: tta ? 2 : 1 });
    const logits = await runSegmentationModel(runner, manifest, tensor, dims, plan.slidingWindow, onProgress, signal);
    if (signal.aborted) throw cancelled();
    return argmaxLabels(logits, dims, plan.layout);
  };
  const labels = await predict(tta ? conformed.voxels.slice() : conformed.voxels, 0);
  let uncertainty = new Map<number, number>();
  if (tta) {
    const mirrored = await predict(flipAlongI(conformed.voxels, dims), 1);
    flipAlongI(mirrored, dims);
    swapSides(mirrored, mirrorLabelMap(manifest.labels));
    uncertainty = flipDisagreement(labels, mirrored);
  }
  if (plan.components || plan.minComponentVoxels > 0) {
    cleanComponents(labels, dims, {
      keepLargest: plan.components?.keepLargest ?? false,
      connectivity: plan.components?.connectivity ?? 26,
      minVoxels: plan.minComponentVoxels,
    });
  }
  progress(0.92);
  const onSource = inverseConformLabels(labels, conformed.grid, volume);
  const table = structureFindings(onSource, volume, manifest.labels, uncertainty, manifest.thresholds.uncertainty);
  const visible = manifest.labels.filter((l) => !l.hidden && l.index !== 0);
  progress(1);
  return {
    findings: table.findings,
    measurements: table.measurements,
    outputs: [
      {
        kind: 'labelmap',
        name: outputName(manifest.id),
        labels: Object.fromEntries(visible.map((l) => [String(l.index), { name: l.name, color: l.color, key: l.key }])),
        grid: { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction },
        voxels: onSource,
      },
    ],
    warnings,
  };
};
