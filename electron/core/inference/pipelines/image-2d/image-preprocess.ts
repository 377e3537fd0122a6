// Turns one radiograph into a model's input tensor by the package's pre-processing steps (data in
// the manifest, never code), and keeps the map from tensor pixels back to image pixels. 3-D
// steps (conform, reorient, resample, sliding_window) have no meaning for one image and are
// refused by name, so a mislabelled package fails loudly instead of running on a wrong input.
import type { PreprocessStep, TensorSpec } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { PlainTensor } from '../../runtime/model-session';
import { type ResizeMap, composeMaps, identityMap, resizeMap, resizePlane } from './image-resize';
import type { RadiographImage } from './radiograph-image';

export interface PreparedImage {
  tensor: PlainTensor;
  /** Image pixel grid → tensor pixel grid (continuous coordinates). */
  map: ResizeMap;
  layout: 'NCHW' | 'NHWC';
  channels: number;
  /** Short notes for the analysis warnings (e.g. which VOI was used). */
  notes: string[];
}

interface Plane {
  width: number;
  height: number;
  /** Channel planes, each row by row. */
  channels: Float32Array[];
  map: ResizeMap;
  /** Values are known to lie in [0, 1] (after a VOI, min-max or percentile step). */
  unitRange: boolean;
}

/** PS3.3 C.11.2.1.2.1: the linear VOI function of Window Center/Width, output scaled to [0, 1]. */
export function applyWindow(values: Float32Array, center: number, width: number): Float32Array {
  const out = new Float32Array(values.length);
  const w = Math.max(1, width);
  const lo = center - 0.5 - (w - 1) / 2;
  const hi = center - 0.5 + (w - 1) / 2;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = x <= lo ? 0 : x > hi ? 1 : (x - (center - 0.5)) / (w - 1) + 0.5;
  }
  return out;
}

function percentile(values: Float32Array, p: number): number {
  // A strided sample is enough for a display range and keeps a 10-megapixel image cheap.
  const step = Math.max(1, Math.floor(values.length / 200_000));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(values[i] as number);
  sample.sort((a, b) => a - b);
  return sample[Math.min(sample.length - 1, Math.max(0, Math.round((p / 100) * (sample.length - 1))))] as number;
}

function scaleRange(values: Float32Array, lo: number, hi: number, outLo = 0, outHi = 1): Float32Array {
  const out = new Float32Array(values.length);
  const span = hi - lo || 1;
  for (let i = 0; i < values.length; i++) out[i] = outLo + ((Math.min(hi, Math.max(lo, values[i] as number)) - lo) / span) * (outHi - outLo);
  return out;
}

function minMax(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function imageVoi(image: RadiographImage, values: Float32Array, fallback: 'minmax' | 'percentile_1_99', notes: string[]): Float32Array {
  if (image.voiLut) {
    const lut = image.voiLut;
    const top = 2 ** lut.bitsPerEntry - 1;
    const last = lut.entries.length - 1;
    notes.push('VOI: the image\'s VOI LUT');
    return values.map((v) => (lut.entries[Math.min(last, Math.max(0, Math.round(v) - lut.firstMapped))] as number) / top);
  }
  const window = image.windows[0];
  if (window) {
    notes.push(`VOI: the image's window ${window.center}/${window.width}`);
    return applyWindow(values, window.center, window.width);
  }
  notes.push(`VOI: none in the image; ${fallback === 'minmax' ? 'minimum to maximum' : '1st to 99th percentile'} used`);
  const [lo, hi] = fallback === 'minmax' ? minMax(values) : [percentile(values, 1), percentile(values, 99)];
  return scaleRange(values, lo, hi);
}

function applyStep(plane: Plane, step: PreprocessStep, image: RadiographImage, notes: string[]): Plane {
  const each = (f: (c: Float32Array) => Float32Array) => plane.channels.map(f);
  switch (step.op) {
    case 'image_voi':
      return { ...plane, channels: each((c) => imageVoi(image, c, step.fallback, notes)), unitRange: true };
    case 'invert_monochrome1':
      if (!plane.unitRange) throw new AppError('MODEL_INVALID', 'The package inverts MONOCHROME1 before a step that scales values to [0, 1] (image_voi, minmax_scale or percentile_normalize); fix the order of its pre-processing.');
      if (!image.shownInverted) return plane;
      notes.push(image.photometricInterpretation === 'MONOCHROME1' ? 'MONOCHROME1 inverted' : 'Presentation LUT Shape INVERSE applied');
      return { ...plane, channels: each((c) => c.map((v) => 1 - v)) };
    case 'window':
      return { ...plane, channels: each((c) => c.map((v) => Math.min(step.center + step.width / 2, Math.max(step.center - step.width / 2, v)))), unitRange: false };
    case 'percentile_normalize':
      return { ...plane, channels: each((c) => scaleRange(c, percentile(c, step.lowPercent), percentile(c, step.highPercent))), unitRange: true };
    case 'minmax_scale':
      // The image's own range mapped to [min, max].
      return { ...plane, channels: each((c) => scaleRange(c, ...minMax(c), step.min, step.max)), unitRange: step.min === 0 && step.max === 1 };
    case 'resize_2d': {
      const map = resizeMap(plane.width, plane.height, step.width, step.height, step.aspect);
      return {
        width: step.width,
        height: step.height,
        channels: each((c) => resizePlane(c, plane.width, plane.height, map, step.interpolation, step.padValue)),
        map: composeMaps(plane.map, map),
        unitRange: plane.unitRange && step.padValue >= 0 && step.padValue <= 1,
      };
    }
    case 'replicate_channels': {
      const [first] = plane.channels;
      if (plane.channels.length !== 1 || !first) throw new AppError('MODEL_INVALID', 'The package replicates channels of an image that already has several; fix its pre-processing.');
      return { ...plane, channels: Array.from({ length: step.channels }, () => first.slice()) };
    }
    case 'normalize':
      return {
        ...plane,
        channels: plane.channels.map((c, i) => {
          const mean = step.mean[i] ?? step.mean[0] ?? 0;
          const std = step.std[i] ?? step.std[0] ?? 1;
          return c.map((v) => (v - mean) / std);
        }),
        unitRange: false,
      };
    case 'to_tensor':
      return plane;
    default:
      throw new AppError('MODEL_INVALID', `The pre-processing step "${step.op}" is for 3-D volumes; a 2-D radiograph model cannot use it.`);
  }
}

/** The model's H and W from its input spec (numbers), or null where symbolic. */
function specSize(spec: TensorSpec): { layout: 'NCHW' | 'NHWC'; channels: number | null; height: number | null; width: number | null } {
  if (spec.axes !== 'NCHW' && spec.axes !== 'NHWC') throw new AppError('MODEL_INVALID', `A 2-D radiograph model needs an input with axes NCHW or NHWC; this one declares ${spec.axes}.`);
  const dim = (axis: string) => {
    const d = spec.shape[spec.axes.indexOf(axis)];
    return typeof d === 'number' ? d : null;
  };
  return { layout: spec.axes, channels: dim('C'), height: dim('H'), width: dim('W') };
}

export function prepareImage(image: RadiographImage, steps: readonly PreprocessStep[], spec: TensorSpec): PreparedImage {
  const notes: string[] = [];
  let plane: Plane = { width: image.columns, height: image.rows, channels: [image.values], map: identityMap(image.columns, image.rows), unitRange: false };
  for (const step of steps) plane = applyStep(plane, step, image, notes);
  const want = specSize(spec);
  if ((want.height !== null && want.height !== plane.height) || (want.width !== null && want.width !== plane.width)) {
    throw new AppError('MODEL_INVALID', `The model takes ${want.width}×${want.height} images but its pre-processing makes ${plane.width}×${plane.height}; the package is inconsistent.`);
  }
  if (want.channels !== null && want.channels !== plane.channels.length) {
    throw new AppError('MODEL_INVALID', `The model takes ${want.channels} channel(s) but its pre-processing makes ${plane.channels.length}; add or fix a replicate_channels step.`);
  }
  const channels = plane.channels.length;
  const pixels = plane.width * plane.height;
  const data = new Float32Array(channels * pixels);
  plane.channels.forEach((c, ci) => {
    if (want.layout === 'NCHW') data.set(c, ci * pixels);
    else for (let p = 0; p < pixels; p++) data[p * channels + ci] = c[p] as number;
  });
  const dims = want.layout === 'NCHW' ? [1, channels, plane.height, plane.width] : [1, plane.height, plane.width, channels];
  return { tensor: { dims, data }, map: plane.map, layout: want.layout, channels, notes };
}
