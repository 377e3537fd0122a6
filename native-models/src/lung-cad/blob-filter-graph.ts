// The ONNX graph of the `lung-nodule-cad` package: multi-scale 3-D Hessian "dot" (blob) and
// "line" (vessel) enhancement filters (Li Q., Sone S., Doi K., "Selective enhancement filters
// for nodules, vessels, and airway walls in two- and three-dimensional CT scans", Med Phys
// 30:2040, 2003) as fixed separable Gaussian-derivative convolutions. No learned weights.
//
// Anisotropic spacing (e.g. 8 mm slices, 2 mm working pixels): the graph takes the voxel
// spacing as an input and computes its own 1-D kernels from it, so one hashed file serves every
// series (a per-spacing file could not be installed once and verified). Per axis the Gaussian
// width in voxels is σ/h, but never below 1 voxel: a structure cannot be resolved finer than
// the slice spacing, and a sub-voxel sampled Gaussian derivative is not a derivative. Scale
// normalisation (Lindeberg) multiplies each derivative by that axis' σ in voxels, which makes
// the response independent of the spacing itself. The kernel length is fixed per scale for the
// smallest spacing the pipeline feeds (MIN_SPACING_MM, 3 σ either side); coarser axes only see
// zero taps at the ends.
import type { OnnxGraph } from '../onnx/onnx-model';
import { GraphExpressions } from './graph-expressions';

export const LUNG_CAD_OPSET = 17;

/**
 * Gaussian scales σ in mm. A sphere of radius r gives its strongest scale-normalised response
 * near σ = r/√3, so these cover nodules of about 5, 9, 14 and 22 mm diameter; larger masses are
 * found by the pipeline's solid-component path.
 */
export const BLOB_SCALES_MM = [1.5, 2.5, 4, 6.5] as const;

/** The graph's kernels reach 3 σ for spacings of at least this; the pipeline never feeds finer grids. */
export const MIN_SPACING_MM = 1.5;

/** HU window fed to the filters: aerated lung at the bottom; bone and calcium clipped so they do not dominate. */
export const HU_CLIP = { low: -1000, high: 300 } as const;

/** Kernel radius in taps for scale σ (mm) at the finest allowed spacing. */
export function kernelRadius(sigmaMm: number): number {
  return Math.ceil((3 * sigmaMm) / MIN_SPACING_MM);
}

const AXIS_SHAPES: readonly ((k: number) => number[])[] = [(k) => [1, 1, k, 1, 1], (k) => [1, 1, 1, k, 1], (k) => [1, 1, 1, 1, k]];

interface AxisKernels {
  g: string;
  g1: string;
  g2: string;
}

/**
 * Inputs: `ct` [1,1,D,H,W] Hounsfield units; `spacing` [3] mm along D, H, W.
 * Outputs (same grid): `dot` and `line` (maximum over scales of the scale-normalised filter
 * responses, in units of (HU+1000)/1000) and `dot_scale` (index into BLOB_SCALES_MM of the
 * strongest dot response, as a float).
 */
export function buildBlobFilterGraph(name: string, scales: readonly number[] = BLOB_SCALES_MM): OnnxGraph {
  const x = new GraphExpressions('lungcad');
  const clipped = x.op('Clip', ['ct', x.scalar(HU_CLIP.low), x.scalar(HU_CLIP.high)]);
  const normalized = x.div(x.sub(clipped, x.scalar(HU_CLIP.low)), x.scalar(1000));
  const eps = x.scalar(1e-6);

  const dots: string[] = [];
  const lines: string[] = [];
  scales.forEach((sigma, s) => {
    const radius = kernelRadius(sigma);
    const taps = x.floats(`scale${s}/taps`, Array.from({ length: 2 * radius + 1 }, (_, i) => i - radius));
    const kernels = [0, 1, 2].map((axis) => axisKernels(x, s, axis, sigma, taps, 2 * radius + 1));
    const pads = x.int64s(`scale${s}/pads`, [0, 0, radius, radius, radius, 0, 0, radius, radius, radius]);
    const padded = x.op('Pad', [normalized, pads], { mode: { kind: 'string', value: 'edge' } });
    const conv = (input: string, weight: string) => x.op('Conv', [input, weight]);
    const [kd, kh, kw] = kernels as [AxisKernels, AxisKernels, AxisKernels];
    // Separable: D pass (3), H pass (6), W pass (6) give the six Hessian components.
    const d0 = conv(padded, kd.g);
    const d1 = conv(padded, kd.g1);
    const d2 = conv(padded, kd.g2);
    const hessian = {
      dd: conv(conv(d2, kh.g), kw.g),
      hh: conv(conv(d0, kh.g2), kw.g),
      ww: conv(conv(d0, kh.g), kw.g2),
      dh: conv(conv(d1, kh.g1), kw.g),
      dw: conv(conv(d1, kh.g), kw.g1),
      hw: conv(conv(d0, kh.g1), kw.g1),
    };
    const [e1, e2, e3] = symmetricEigenvalues(x, hessian);
    // Li et al. 2003, eq. 6–7 with |λ1| ≥ |λ2| ≥ |λ3|; for a bright blob all three are negative,
    // so in value order e3 ≤ e2 ≤ e1 < 0 and |λ1| = −e3, |λ3| = −e1.
    const absE3 = x.add(x.abs(e3), eps);
    dots.push(x.div(x.mul(x.less(e1, x.scalar(0)), x.square(e1)), absE3));
    const absE2 = x.abs(e2);
    const gap = x.op('Relu', [x.sub(absE2, x.abs(e1))]);
    lines.push(x.div(x.mul(x.less(e2, x.scalar(0)), x.mul(absE2, gap)), absE3));
  });

  const allDots = x.op('Concat', dots, { axis: { kind: 'int', value: 1 } });
  const allLines = x.op('Concat', lines, { axis: { kind: 'int', value: 1 } });
  const reduce = { axes: { kind: 'ints', value: [1] }, keepdims: { kind: 'int', value: 1 } } as const;
  x.op('ReduceMax', [allDots], reduce, 'dot');
  x.op('ReduceMax', [allLines], reduce, 'line');
  const best = x.op('ArgMax', [allDots], { axis: { kind: 'int', value: 1 }, keepdims: { kind: 'int', value: 1 } });
  x.op('Cast', [best], { to: { kind: 'int', value: 1 } }, 'dot_scale');

  const grid = ['N', 1, 'D', 'H', 'W'];
  return {
    name,
    nodes: x.nodes,
    initializers: x.initializers,
    inputs: [
      { name: 'ct', dtype: 'float32', shape: grid },
      { name: 'spacing', dtype: 'float32', shape: [3] },
    ],
    outputs: ['dot', 'line', 'dot_scale'].map((output) => ({ name: output, dtype: 'float32' as const, shape: grid })),
  };
}

/**
 * Scale-normalised 1-D kernels along one axis, computed in the graph from `spacing`:
 * with z = t/σv, g = e^(−z²/2)/Σ, σv·g′ = −z·g, σv²·g″ = (z²−1)·g minus its mean (so a
 * constant image gives exactly zero curvature whatever the truncation).
 */
function axisKernels(x: GraphExpressions, s: number, axis: number, sigma: number, taps: string, length: number): AxisKernels {
  const index = x.int64s(`scale${s}/axis${axis}/index`, [axis]);
  const h = x.op('Gather', ['spacing', index], { axis: { kind: 'int', value: 0 } });
  const sigmaVoxels = x.max(x.div(x.scalar(sigma), h), x.scalar(1));
  const z = x.div(taps, sigmaVoxels);
  const raw = x.op('Exp', [x.mul(x.square(z), x.scalar(-0.5))]);
  const g = x.div(raw, x.op('ReduceSum', [raw], { keepdims: { kind: 'int', value: 1 } }));
  const g1 = x.mul(x.mul(z, x.scalar(-1)), g);
  const g2raw = x.mul(x.sub(x.square(z), x.scalar(1)), g);
  const g2 = x.sub(g2raw, x.op('ReduceMean', [g2raw], { keepdims: { kind: 'int', value: 1 } }));
  const shape = x.int64s(`scale${s}/axis${axis}/shape`, AXIS_SHAPES[axis]!(length));
  return {
    g: x.op('Reshape', [g, shape]),
    g1: x.op('Reshape', [g1, shape]),
    g2: x.op('Reshape', [g2, shape]),
  };
}

/**
 * Eigenvalues e1 ≥ e2 ≥ e3 of the symmetric 3×3 matrix [[dd,dh,dw],[dh,hh,hw],[dw,hw,ww]] per
 * voxel, closed form (Smith O.K., "Eigenvalues of a symmetric 3×3 matrix", CACM 4:168, 1961).
 */
function symmetricEigenvalues(x: GraphExpressions, m: Record<'dd' | 'hh' | 'ww' | 'dh' | 'dw' | 'hw', string>): [string, string, string] {
  const q = x.div(x.add(x.add(m.dd, m.hh), m.ww), x.scalar(3));
  const a = x.sub(m.dd, q);
  const b = x.sub(m.hh, q);
  const c = x.sub(m.ww, q);
  const offDiagonal = x.add(x.add(x.square(m.dh), x.square(m.dw)), x.square(m.hw));
  const p2 = x.add(x.add(x.add(x.square(a), x.square(b)), x.square(c)), x.mul(offDiagonal, x.scalar(2)));
  const p = x.op('Sqrt', [x.add(x.div(p2, x.scalar(6)), x.scalar(1e-12))]);
  // det(A − qI) = a(bc − hw²) − dh(dh·c − hw·dw) + dw(dh·hw − b·dw)
  const t1 = x.mul(a, x.sub(x.mul(b, c), x.square(m.hw)));
  const t2 = x.mul(m.dh, x.sub(x.mul(m.dh, c), x.mul(m.hw, m.dw)));
  const t3 = x.mul(m.dw, x.sub(x.mul(m.dh, m.hw), x.mul(b, m.dw)));
  const det = x.add(x.sub(t1, t2), t3);
  const r = x.div(det, x.mul(x.mul(x.mul(p, p), p), x.scalar(2)));
  const phi = x.div(x.op('Acos', [x.op('Clip', [r, x.scalar(-1), x.scalar(1)])]), x.scalar(3));
  const twoP = x.mul(p, x.scalar(2));
  const e1 = x.add(q, x.mul(twoP, x.op('Cos', [phi])));
  const e3 = x.add(q, x.mul(twoP, x.op('Cos', [x.add(phi, x.scalar((2 * Math.PI) / 3))])));
  const e2 = x.sub(x.sub(x.mul(q, x.scalar(3)), e1), e3);
  return [e1, e2, e3];
}
