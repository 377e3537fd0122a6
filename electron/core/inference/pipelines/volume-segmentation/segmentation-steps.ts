// Reads a segmentation package's pre- and post-processing steps (manifest data) into the plan
// this pipeline executes, refusing steps it does not implement with a sentence naming them, so
// a package from a newer converter fails clearly instead of running with a step skipped.
import type { ModelManifest, PostprocessStep, PreprocessStep } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { ConformTarget } from '../conform/conform-grid';
import type { TensorLayout } from '../conform/tensor-layout';

type Step<T, K> = Extract<T, { op: K }>;

export interface SegmentationPlan {
  conform: ConformTarget & { interpolation: 'linear' | 'nearest' | 'cubic' };
  /** Intensity steps in manifest order (after conform). */
  intensity: Array<Step<PreprocessStep, 'percentile_normalize' | 'minmax_scale' | 'window'>>;
  slidingWindow: Step<PreprocessStep, 'sliding_window'> | null;
  layout: TensorLayout;
  /** Keep only the largest connected component of each foreground label. */
  components: Step<PostprocessStep, 'connected_components'> | null;
  minComponentVoxels: number;
}

export function segmentationPlan(manifest: ModelManifest): SegmentationPlan {
  let conform: SegmentationPlan['conform'] | null = null;
  let layout: TensorLayout | null = null;
  let slidingWindow: SegmentationPlan['slidingWindow'] = null;
  const intensity: SegmentationPlan['intensity'] = [];
  for (const step of manifest.preprocessing) {
    switch (step.op) {
      case 'conform':
        conform = { size: step.size, spacingMm: step.spacingMm, orientation: step.orientation, interpolation: step.interpolation };
        break;
      case 'percentile_normalize':
      case 'minmax_scale':
      case 'window':
        intensity.push(step);
        break;
      case 'sliding_window':
        slidingWindow = step;
        break;
      case 'to_tensor':
        layout = step.layout;
        break;
      default:
        throw unsupported(manifest, `pre-processing step "${step.op}"`);
    }
  }
  if (!conform) throw unsupported(manifest, 'a pre-processing list without a "conform" step');
  // A split network's trunk runs whole; its head already bounds memory, so patches would only add seams.
  if (manifest.head && slidingWindow) throw unsupported(manifest, 'a "sliding_window" step with a classifier head (head.onnx)');
  if (conform.interpolation === 'cubic') throw unsupported(manifest, 'cubic interpolation in "conform"');
  let components: SegmentationPlan['components'] = null;
  let minComponentVoxels = 0;
  let argmax = false;
  for (const step of manifest.postprocessing) {
    if (step.op === 'argmax') argmax = true;
    else if (step.op === 'connected_components') components = step;
    else if (step.op === 'size_filter') minComponentVoxels = step.minVoxels;
    else if (step.op !== 'softmax' && step.op !== 'inverse_conform') throw unsupported(manifest, `post-processing step "${step.op}"`);
  }
  if (!argmax) throw unsupported(manifest, 'a segmentation without an "argmax" step');
  return { conform, intensity, slidingWindow, layout: layout ?? 'last_axis_fastest', components, minComponentVoxels };
}

function unsupported(manifest: ModelManifest, what: string): AppError {
  return new AppError(
    'MODEL_INVALID',
    `The package "${manifest.id}" asks for ${what}, which this version of Yingdu's volume segmentation does not support; update Yingdu or use another package version.`,
  );
}
