// The one shape every analysis pipeline has (brain segmentation, DWI stroke, lung CAD,
// radiograph classification): given the series' volumes and a way to run installed models,
// return findings, measurements and output volumes on the source grid. The job service owns
// the queue, persistence, NIfTI writing and events; a pipeline owns only the maths, so it can be
// tested on real volumes without a database.
import type { AnalysisMeasurement, AnalysisOutput, Finding } from '../../../shared/ai-results';
import type { InstalledModel } from '../../../shared/model-manifest';
import type { PlainTensor } from '../runtime/model-session';
import type { Volume } from '../../volumes/volume';
import type { RadiographImage } from './image-2d/radiograph-image';

/** A volume a pipeline produced, on the grid of `grid` (usually a source volume). */
export interface OutputVolume extends Omit<AnalysisOutput, 'path'> {
  grid: Pick<Volume, 'dimensions' | 'spacing' | 'origin' | 'direction'>;
  /** i fastest, then j, then k; Uint8/Uint16 for label maps, Float32 for parametric and heat maps. */
  voxels: Uint8Array | Uint16Array | Float32Array;
}

export interface PipelineResult {
  findings: Finding[];
  measurements: AnalysisMeasurement[];
  outputs: OutputVolume[];
  warnings: string[];
}

/** Which graph of a package runs: `model.onnx`, or `head.onnx` of a network split at its classifier (manifest `head`). */
export type ModelPart = 'model' | 'head';

export interface ModelRunner {
  /**
   * Runs an installed model (this job's model, or one it depends on) in the inference worker.
   * Rejects with NOT_FOUND when `modelId` is not installed. The inputs' buffers are transferred
   * to the worker thread, so they are empty (detached) afterwards: pass a copy of anything still needed.
   */
  run(modelId: string, inputs: Record<string, PlainTensor>, part?: ModelPart): Promise<{ outputs: Record<string, PlainTensor>; provider: string }>;
  /** The installed manifest of a model (this one or a dependency). */
  manifest(modelId: string): InstalledModel['manifest'];
}

export interface PipelineContext {
  /** The model package this job runs. */
  model: InstalledModel;
  /** Every volume of the series (4-D series come split: one volume per b-value/direction, phase, echo). */
  volumes: Volume[];
  /** Other series of the same study, loaded on demand (e.g. a b0 stored as its own series). */
  runner: ModelRunner;
  /**
   * The series' images one by one, for 2-D pipelines (image-2d): radiographs (CR) have no
   * Image Plane module, so they form no volume and `volumes` may be empty for them.
   */
  images?: () => Promise<RadiographImage[]>;
  /** Reports progress of this job in [0, 1]. */
  progress(fraction: number): void;
  /** Aborted when the job is cancelled or the app shuts down: check between model runs. */
  signal: AbortSignal;
}

export type Pipeline = (context: PipelineContext) => Promise<PipelineResult>;
