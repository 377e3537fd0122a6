// The radiograph (CR/DX) pipeline: any 2-D classification or detection ONNX model, its
// pre-processing read from the manifest. Per image of the series: decode → pre-process → run →
// findings (a probability per visible label, or boxes mapped back to the image and, when the
// image has patient geometry, to LPS) → for classifiers an occlusion-saliency heat map per
// visible label on the image grid; with `thresholds.uncertainty`, a mirrored second run gives
// each finding an uncertainty and flags it low-confidence above that level.
import type { Finding } from '../../../../shared/ai-results';
import type { ModelLabel } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import { occlusionSaliency } from '../../explain/occlusion-saliency';
import type { PlainTensor } from '../../runtime/model-session';
import type { OutputVolume, Pipeline, PipelineContext, PipelineResult } from '../pipeline';
import { boxUncertainty, flipHorizontal, unflipBoxes } from './flip-uncertainty';
import { NO_GEOMETRY_WARNING, imageGrid, pixelRectToPatient, pixelToPatient } from './image-geometry';
import { type PreparedImage, prepareImage } from './image-preprocess';
import { resizeBack, toSource } from './image-resize';
import { classProbabilities, decodeDetections } from './model-outputs';
import type { RadiographImage } from './radiograph-image';

/**
 * Occluded copies per model run, when the model takes any batch size: up to 16, within 4 MiB per
 * batch. Every batch is a fresh buffer (it is handed to the worker), and first-touching large
 * fresh buffers dominated: 232 copies of a 1024² input took 5.2 s in batches of 8, 0.5 s one by one.
 */
const SALIENCY_BATCH_BYTES = 4 * 2 ** 20;

const outputName = (prefix: string, key: string) => `${prefix}_${key.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`.slice(0, 40);

interface ImageResult {
  findings: Omit<Finding, 'id'>[];
  outputs: OutputVolume[];
}

async function classify(ctx: PipelineContext, image: RadiographImage, prepared: PreparedImage, report: (f: number) => void): Promise<ImageResult> {
  const manifest = ctx.model.manifest;
  const input = manifest.inputs[0] as (typeof manifest.inputs)[number];
  const output = manifest.outputs[0] as (typeof manifest.outputs)[number];
  const visible = manifest.labels.filter((l) => !l.hidden);
  const score = async (batch: PlainTensor) => classProbabilities((await ctx.runner.run(manifest.id, { [input.name]: batch })).outputs[output.name], manifest);
  const fixedBatch = typeof input.shape[0] === 'number' ? input.shape[0] : null;
  // Letterbox padding holds no image: occluding it only would measure nothing.
  const [, , height = 0, width = 0] = prepared.layout === 'NCHW' ? prepared.tensor.dims : [0, 0, prepared.tensor.dims[1], prepared.tensor.dims[2]];
  const inside = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const r = toSource(y, prepared.map.scaleY, prepared.map.offsetY);
    for (let x = 0; x < width; x++) {
      const c = toSource(x, prepared.map.scaleX, prepared.map.offsetX);
      inside[y * width + x] = c > -0.5 && r > -0.5 && c < image.columns - 0.5 && r < image.rows - 0.5 ? 1 : 0;
    }
  }
  const saliency = await occlusionSaliency(
    prepared.tensor,
    prepared.layout,
    visible.map((l) => l.index),
    score,
    { batch: fixedBatch ?? Math.max(1, Math.min(16, Math.floor(SALIENCY_BATCH_BYTES / prepared.tensor.data.byteLength))), skipMask: inside, signal: ctx.signal, progress: report },
  );
  const threshold = manifest.thresholds.uncertainty;
  const mirrored = threshold === undefined ? null : (await score(flipHorizontal(prepared.tensor, prepared.layout))).probabilities;
  const center = [(image.columns - 1) / 2, (image.rows - 1) / 2] as [number, number];
  const centerLPS = pixelToPatient(image, ...center);
  const findings: Omit<Finding, 'id'>[] = visible.map((label) => ({
    type: 'classification',
    label: label.key,
    name: label.name,
    probability: clamp01(saliency.baseline[label.index] ?? 0),
    ...uncertaintyFields(mirrored ? Math.abs((saliency.baseline[label.index] ?? 0) - (mirrored[label.index] ?? 0)) : undefined, threshold),
    ...(centerLPS ? { centerLPS } : {}),
    sopInstanceUID: image.sopInstanceUID,
    pixelCenter: center,
  }));
  const outputs = visible.map((label) => heatMap(image, prepared, label, saliency.maps.get(label.index) as Float32Array));
  return { findings, outputs };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function uncertaintyFields(u: number | undefined, threshold: number | undefined): Pick<Finding, 'uncertainty' | 'lowConfidence'> {
  if (u === undefined || threshold === undefined) return {};
  const uncertainty = Math.round(clamp01(u) * 1e4) / 1e4;
  return { uncertainty, lowConfidence: uncertainty > threshold };
}

function heatMap(image: RadiographImage, prepared: PreparedImage, label: ModelLabel, map: Float32Array): OutputVolume {
  const onImage = resizeBack(map, prepared.map, image.columns, image.rows, 0);
  let top = 0;
  for (let i = 0; i < onImage.length; i++) {
    // Only a drop in probability is evidence for the label; a rise (occluding made it likelier) is shown as 0.
    const v = Math.max(0, onImage[i] as number);
    onImage[i] = v;
    if (v > top) top = v;
  }
  return {
    kind: 'heatmap',
    name: outputName('saliency', label.key),
    unit: 'probability drop',
    displayRange: [0, top > 0 ? top : 1],
    colorMap: 'hot',
    grid: imageGrid(image),
    voxels: onImage,
  };
}

async function detect(ctx: PipelineContext, image: RadiographImage, prepared: PreparedImage): Promise<ImageResult> {
  const manifest = ctx.model.manifest;
  const input = manifest.inputs[0] as (typeof manifest.inputs)[number];
  const { map } = prepared;
  const threshold = manifest.thresholds.uncertainty;
  // Mirrored first: running the model hands the tensor's buffer to the inference worker.
  const flipped = threshold === undefined ? null : flipHorizontal(prepared.tensor, prepared.layout);
  const run = await ctx.runner.run(manifest.id, { [input.name]: prepared.tensor });
  const boxes = decodeDetections(run.outputs, manifest, { width: map.width, height: map.height });
  let uncertainties: number[] = [];
  if (flipped) {
    const mirrored = await ctx.runner.run(manifest.id, { [input.name]: flipped });
    uncertainties = boxUncertainty(boxes, unflipBoxes(decodeDetections(mirrored.outputs, manifest, { width: map.width, height: map.height }), map.width));
  }
  const findings = boxes.flatMap((box, i): Omit<Finding, 'id'>[] => {
    // Tensor edges → image edges (continuous), then first/last covered pixel indices.
    const c1 = Math.max(0, (box.x1 - map.offsetX) / map.scaleX);
    const r1 = Math.max(0, (box.y1 - map.offsetY) / map.scaleY);
    const c2 = Math.min(image.columns, (box.x2 - map.offsetX) / map.scaleX);
    const r2 = Math.min(image.rows, (box.y2 - map.offsetY) / map.scaleY);
    if (c2 <= c1 || r2 <= r1) return [];
    const min: [number, number] = [c1, r1];
    const max: [number, number] = [c2 - 1, r2 - 1];
    const center: [number, number] = [(c1 + c2 - 1) / 2, (r1 + r2 - 1) / 2];
    const label = manifest.labels.find((l) => l.index === box.classIndex);
    const centerLPS = pixelToPatient(image, ...center);
    const boundsLPS = pixelRectToPatient(image, min, max);
    return [
      {
        type: 'detection',
        label: label?.key ?? `class_${box.classIndex}`,
        ...(label ? { name: label.name } : {}),
        probability: clamp01(box.score),
        ...uncertaintyFields(uncertainties[i], threshold),
        ...(centerLPS ? { centerLPS } : {}),
        ...(boundsLPS ? { boundsLPS } : {}),
        sopInstanceUID: image.sopInstanceUID,
        pixelCenter: center,
        pixelBounds: [min, max],
      },
    ];
  });
  return { findings, outputs: [] };
}

export const image2dPipeline: Pipeline = async (ctx): Promise<PipelineResult> => {
  const manifest = ctx.model.manifest;
  if (manifest.task !== 'classification' && manifest.task !== 'detection') {
    throw new AppError('MODEL_INVALID', `The 2-D radiograph pipeline runs classification and detection models; ${manifest.id} is a ${manifest.task} model.`);
  }
  const input = manifest.inputs[0];
  if (!input) throw new AppError('MODEL_INVALID', `The manifest of ${manifest.id} names no input tensor.`);
  if (!ctx.images) throw new AppError('INTERNAL', 'The job gave the 2-D pipeline no access to the series images.');
  const images = await ctx.images();
  if (images.length === 0) throw new AppError('NOT_FOUND', 'This series has no images the model can run on.');
  const findings: Finding[] = [];
  const outputs: OutputVolume[] = [];
  const warnings = new Set<string>();
  for (const [i, image] of images.entries()) {
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
    const prepared = prepareImage(image, manifest.preprocessing, input);
    const report = (f: number) => ctx.progress((i + f) / images.length);
    const result = manifest.task === 'classification' ? await classify(ctx, image, prepared, report) : await detect(ctx, image, prepared);
    for (const f of result.findings) findings.push({ ...f, id: `f${findings.length + 1}` });
    // One heat map per label and image: later images get the image number in the name.
    outputs.push(...result.outputs.map((o) => (images.length > 1 ? { ...o, name: `${o.name.slice(0, 36)}_${i + 1}` } : o)));
    if (!image.geometry) warnings.add(NO_GEOMETRY_WARNING);
    report(1);
  }
  return { findings, measurements: [], outputs, warnings: [...warnings] };
};
