// Reading a 2-D model's outputs by its manifest: class probabilities (softmax, sigmoid, or
// already probabilities) for classifiers; boxes, scores and classes with greedy non-maximum
// suppression for detectors. Boxes come back in input-tensor pixels (continuous coordinates,
// pixel i covering [i, i + 1)).
import type { ModelManifest } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { PlainTensor } from '../../runtime/model-session';

export interface ClassProbabilities {
  /** [batch × classes], row by row. */
  probabilities: Float32Array;
  classes: number;
}

/** Applies the manifest's softmax / sigmoid to logits [B, K]; values are taken as probabilities otherwise. */
export function classProbabilities(output: PlainTensor | undefined, manifest: ModelManifest): ClassProbabilities {
  if (!output || output.dims.length !== 2) throw new AppError('INFERENCE_FAILED', `The classifier ${manifest.id} did not return a [batch, classes] output.`);
  const [batch = 0, classes = 0] = output.dims;
  const post = manifest.postprocessing;
  const data = Float32Array.from(output.data);
  if (post.some((s) => s.op === 'softmax')) {
    for (let b = 0; b < batch; b++) {
      const row = data.subarray(b * classes, (b + 1) * classes);
      const max = Math.max(...row);
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += row[k] = Math.exp((row[k] as number) - max);
      for (let k = 0; k < classes; k++) row[k] = (row[k] as number) / sum;
    }
  } else if (post.some((s) => s.op === 'sigmoid')) {
    for (let i = 0; i < data.length; i++) data[i] = 1 / (1 + Math.exp(-(data[i] as number)));
  }
  for (const v of data) {
    if (!(v >= 0 && v <= 1)) throw new AppError('INFERENCE_FAILED', `The classifier ${manifest.id} returned values outside [0, 1] and its manifest names no softmax or sigmoid step.`);
  }
  return { probabilities: data, classes };
}

export interface TensorBox {
  /** Continuous input-tensor pixel coordinates. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classIndex: number;
}

/** Intersection over union of two boxes. */
export function iou(a: TensorBox, b: TensorBox): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/** Boxes of the first image of the batch, after the manifest's decode_boxes and nms steps. */
export function decodeDetections(outputs: Record<string, PlainTensor>, manifest: ModelManifest, inputSize: { width: number; height: number }): TensorBox[] {
  const decode = manifest.postprocessing.find((s) => s.op === 'decode_boxes');
  if (!decode || decode.op !== 'decode_boxes') throw new AppError('MODEL_INVALID', `The detection package ${manifest.id} has no decode_boxes post-processing step, so its outputs cannot be read.`);
  const boxes = outputs[decode.boxes];
  const scores = outputs[decode.scores];
  const classes = decode.classes ? outputs[decode.classes] : undefined;
  if (!boxes || !scores) throw new AppError('INFERENCE_FAILED', `The detector ${manifest.id} did not return its "${decode.boxes}" and "${decode.scores}" outputs.`);
  const count = scores.data.length / Math.max(1, scores.dims[0] ?? 1);
  if (boxes.data.length < count * 4) throw new AppError('INFERENCE_FAILED', `The detector ${manifest.id} returned ${boxes.data.length / 4} boxes for ${count} scores.`);
  const sx = decode.normalized ? inputSize.width : 1;
  const sy = decode.normalized ? inputSize.height : 1;
  const found: TensorBox[] = [];
  for (let i = 0; i < count; i++) {
    let [a = 0, b = 0, c = 0, d = 0] = boxes.data.subarray(i * 4, i * 4 + 4);
    if (decode.format === 'cxcywh') [a, b, c, d] = [a - c / 2, b - d / 2, a + c / 2, b + d / 2];
    const box = { x1: a * sx, y1: b * sy, x2: c * sx, y2: d * sy, score: scores.data[i] as number, classIndex: classes ? Math.round(classes.data[i] as number) : 0 };
    if (box.x2 > box.x1 && box.y2 > box.y1 && Number.isFinite(box.score)) found.push(box);
  }
  const nms = manifest.postprocessing.find((s) => s.op === 'nms');
  const minScore = nms && nms.op === 'nms' ? nms.scoreThreshold : 0;
  const maxIou = nms && nms.op === 'nms' ? nms.iouThreshold : 1;
  const kept: TensorBox[] = [];
  for (const box of found.filter((b) => b.score >= minScore).sort((p, q) => q.score - p.score)) {
    if (kept.every((k) => k.classIndex !== box.classIndex || iou(k, box) <= maxIou)) kept.push(box);
  }
  return kept;
}
