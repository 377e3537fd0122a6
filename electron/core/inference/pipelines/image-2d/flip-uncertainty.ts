// Test-time augmentation for 2-D models (issue 5 part 5): the model runs a second time on the
// left–right mirrored input, and each finding gets an uncertainty from the disagreement —
// for a class, |p − p_mirrored|; for a box, 1 − IoU with the best mirrored box of its class
// mapped back (1 when the mirrored run lost it). Runs only when the manifest has
// `thresholds.uncertainty`, which is also the level above which a finding is "low confidence".
import type { PlainTensor } from '../../runtime/model-session';
import { type TensorBox, iou } from './model-outputs';

/** Mirrors a [1, C, H, W] or [1, H, W, C] tensor along W (a fresh array; the input is untouched). */
export function flipHorizontal(tensor: PlainTensor, layout: 'NCHW' | 'NHWC'): PlainTensor {
  const [, a = 0, b = 0, c = 0] = tensor.dims;
  const [channels, height, width] = layout === 'NCHW' ? [a, b, c] : [c, a, b];
  const out = new Float32Array(tensor.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = y * width + x;
      const to = y * width + (width - 1 - x);
      for (let ch = 0; ch < channels; ch++) {
        if (layout === 'NCHW') out[ch * width * height + to] = tensor.data[ch * width * height + from] as number;
        else out[to * channels + ch] = tensor.data[from * channels + ch] as number;
      }
    }
  }
  return { dims: tensor.dims, data: out };
}

/** Boxes found on the mirrored input, put back on the original input grid of `width` pixels. */
export function unflipBoxes(boxes: readonly TensorBox[], width: number): TensorBox[] {
  return boxes.map((b) => ({ ...b, x1: width - b.x2, x2: width - b.x1 }));
}

/** Per box: 1 − the best IoU with a mirrored-run box of the same class. */
export function boxUncertainty(boxes: readonly TensorBox[], mirrored: readonly TensorBox[]): number[] {
  return boxes.map((box) => 1 - Math.max(0, ...mirrored.filter((m) => m.classIndex === box.classIndex).map((m) => iou(box, m))));
}
