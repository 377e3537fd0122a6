// Resizing a 2-D plane to a model's input size, and the affine map between the two grids that
// findings and heat maps need to come back to the image. Downsampling by "area" averages every
// source pixel a target pixel covers (a box filter): plain bilinear sampling at a 4× reduction
// skips most pixels, so thin structures such as wires and screws would vanish or alias.

export type Interpolation = 'area' | 'bilinear' | 'nearest';
export type AspectPolicy = 'stretch' | 'letterbox' | 'crop';

/**
 * Continuous coordinates: source pixel i covers [i, i + 1); target u = source · scale + offset.
 * Target pixels outside the scaled source are padding.
 */
export interface ResizeMap {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export function resizeMap(srcWidth: number, srcHeight: number, width: number, height: number, aspect: AspectPolicy): ResizeMap {
  if (aspect === 'stretch') return { scaleX: width / srcWidth, scaleY: height / srcHeight, offsetX: 0, offsetY: 0, width, height };
  const s = aspect === 'letterbox' ? Math.min(width / srcWidth, height / srcHeight) : Math.max(width / srcWidth, height / srcHeight);
  // Whole target pixels for the scaled image, so padding (or the cut) is the same on both sides ±1.
  const scaledW = Math.max(1, Math.round(srcWidth * s));
  const scaledH = Math.max(1, Math.round(srcHeight * s));
  return {
    scaleX: scaledW / srcWidth,
    scaleY: scaledH / srcHeight,
    offsetX: Math.floor((width - scaledW) / 2),
    offsetY: Math.floor((height - scaledH) / 2),
    width,
    height,
  };
}

/** Two maps in a row: first `a` (source → middle), then `b` (middle → target). */
export function composeMaps(a: ResizeMap, b: ResizeMap): ResizeMap {
  return {
    scaleX: a.scaleX * b.scaleX,
    scaleY: a.scaleY * b.scaleY,
    offsetX: a.offsetX * b.scaleX + b.offsetX,
    offsetY: a.offsetY * b.scaleY + b.offsetY,
    width: b.width,
    height: b.height,
  };
}

export const identityMap = (width: number, height: number): ResizeMap => ({ scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0, width, height });

/** Source pixel-centre coordinate (0-based index units) of target pixel-centre coordinate `t`. */
export const toSource = (t: number, scale: number, offset: number): number => (t + 0.5 - offset) / scale - 0.5;
/** Target pixel-centre coordinate of source pixel-centre coordinate `s`. */
export const toTarget = (s: number, scale: number, offset: number): number => (s + 0.5) * scale + offset - 0.5;

/** Per target index along one axis: the source indices and weights it reads (empty = padding). */
function axisWeights(srcSize: number, dstSize: number, scale: number, offset: number, interpolation: Interpolation): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (let t = 0; t < dstSize; t++) {
    const lo = (t - offset) / scale;
    const hi = (t + 1 - offset) / scale;
    if (hi <= 0 || lo >= srcSize) {
      out.push([]);
      continue;
    }
    const taps: Array<[number, number]> = [];
    if (interpolation === 'area' && scale < 1) {
      for (let i = Math.max(0, Math.floor(lo)); i < Math.min(srcSize, Math.ceil(hi)); i++) {
        const w = Math.min(hi, i + 1) - Math.max(lo, i);
        if (w > 0) taps.push([i, w]);
      }
    } else if (interpolation === 'nearest') {
      taps.push([Math.min(srcSize - 1, Math.max(0, Math.floor((lo + hi) / 2))), 1]);
    } else {
      // Bilinear (and "area" when enlarging, where it equals bilinear), edge pixels clamped.
      const s = Math.min(srcSize - 1, Math.max(0, toSource(t, scale, offset)));
      const i0 = Math.floor(s);
      const f = s - i0;
      taps.push([i0, 1 - f]);
      if (f > 0 && i0 + 1 < srcSize) taps.push([i0 + 1, f]);
    }
    const total = taps.reduce((sum, [, w]) => sum + w, 0);
    out.push(taps.map(([i, w]) => [i, w / total]));
  }
  return out;
}

/** Resamples a single-channel plane (row by row, column fastest) onto the target grid of `map`. */
export function resizePlane(src: Float32Array, srcWidth: number, srcHeight: number, map: ResizeMap, interpolation: Interpolation, padValue: number): Float32Array {
  const xs = axisWeights(srcWidth, map.width, map.scaleX, map.offsetX, interpolation);
  const ys = axisWeights(srcHeight, map.height, map.scaleY, map.offsetY, interpolation);
  // Separable: rows first (srcHeight × width), then columns.
  const rows = new Float32Array(srcHeight * map.width);
  for (let y = 0; y < srcHeight; y++) {
    const base = y * srcWidth;
    for (let x = 0; x < map.width; x++) {
      let v = 0;
      for (const [i, w] of xs[x] as Array<[number, number]>) v += (src[base + i] as number) * w;
      rows[y * map.width + x] = v;
    }
  }
  const out = new Float32Array(map.width * map.height);
  for (let y = 0; y < map.height; y++) {
    const taps = ys[y] as Array<[number, number]>;
    for (let x = 0; x < map.width; x++) {
      if (taps.length === 0 || (xs[x] as Array<[number, number]>).length === 0) {
        out[y * map.width + x] = padValue;
        continue;
      }
      let v = 0;
      for (const [j, w] of taps) v += (rows[j * map.width + x] as number) * w;
      out[y * map.width + x] = v;
    }
  }
  return out;
}

/**
 * Samples a plane on the target grid of `map` back onto the source grid (bilinear), e.g. a heat
 * map computed on the model input brought back to the image; source pixels outside get `outside`.
 */
export function resizeBack(target: Float32Array, map: ResizeMap, srcWidth: number, srcHeight: number, outside: number): Float32Array {
  const out = new Float32Array(srcWidth * srcHeight);
  const sample = (x: number, y: number) => target[y * map.width + x] as number;
  for (let r = 0; r < srcHeight; r++) {
    const ty = toTarget(r, map.scaleY, map.offsetY);
    for (let c = 0; c < srcWidth; c++) {
      const tx = toTarget(c, map.scaleX, map.offsetX);
      if (tx < -0.5 || ty < -0.5 || tx > map.width - 0.5 || ty > map.height - 0.5) {
        out[r * srcWidth + c] = outside;
        continue;
      }
      const x = Math.min(map.width - 1, Math.max(0, tx));
      const y = Math.min(map.height - 1, Math.max(0, ty));
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const x1 = Math.min(map.width - 1, x0 + 1);
      const y1 = Math.min(map.height - 1, y0 + 1);
      const fx = x - x0;
      const fy = y - y0;
      out[r * srcWidth + c] =
        (sample(x0, y0) * (1 - fx) + sample(x1, y0) * fx) * (1 - fy) + (sample(x0, y1) * (1 - fx) + sample(x1, y1) * fx) * fy;
    }
  }
  return out;
}
