// Which pipeline runs a model package: the manifest names its kind (`manifest.pipeline`), this
// table maps the kind to the code. Each pipeline adds its one line here; a kind without a
// pipeline in this build is refused with a sentence, never run through another pipeline.
import type { PipelineKind } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import { dwiStrokePipeline } from './dwi-stroke/dwi-stroke-pipeline';
import { image2dPipeline } from './image-2d/image-2d-pipeline';
import { lungCadPipeline } from './lung-cad/lung-cad-pipeline';
import type { Pipeline } from './pipeline';
import { volumeSegmentationPipeline } from './volume-segmentation/volume-segmentation-pipeline';

export const PIPELINES: Readonly<Record<PipelineKind, Pipeline | undefined>> = {
  'volume-segmentation': volumeSegmentationPipeline,
  'dwi-stroke': dwiStrokePipeline,
  'lung-cad': lungCadPipeline,
  'image-2d': image2dPipeline,
};

/** The pipeline of `kind`, or MODEL_INVALID naming the kind when this build has none for it. */
export function pipelineFor(kind: string): Pipeline {
  const pipeline = Object.hasOwn(PIPELINES, kind) ? PIPELINES[kind as PipelineKind] : undefined;
  if (!pipeline) {
    throw new AppError(
      'MODEL_INVALID',
      `This version of Yingdu has no "${kind}" analysis pipeline, so the model package cannot run here; update Yingdu or remove the package.`,
    );
  }
  return pipeline;
}
