// The graph builder's operators against a plain JavaScript evaluation of the same layers, on
// small random volumes: dilated padded Conv, folded BatchNorm, InstanceNormalization (GroupNorm
// with one group per channel), erf-GELU, ELU, ReLU. Covers paths no published model exercises
// (BatchNorm folding) independently of PyTorch.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import { MESHNET_OPSET, buildMeshNetGraph } from '../../../native-models/src/meshnet-graph';
import type { Activation, MeshNetLayer, MeshNetSpec } from '../../../native-models/src/meshnet-spec';
import { encodeOnnxModel } from '../../../native-models/src/onnx/onnx-model';
import { makeTempDir } from '../../support/temp-dir';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

function erf(x: number): number {
  // Numerical Recipes' Chebyshev fit of erfc (fractional error < 1.2e-7), far inside the 1e-4 tolerance.
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? y : -y;
}

function evaluate(spec: MeshNetSpec, input: Float32Array, n: number): Float64Array {
  let x = Float64Array.from(input);
  let channels = spec.inChannels;
  const voxels = n * n * n;
  for (const layer of spec.layers) {
    const [out = 0, inC = 0, k = 1] = layer.weight.shape;
    const y = new Float64Array(out * voxels);
    for (let o = 0; o < out; o++)
      for (let z = 0; z < n; z++)
        for (let r = 0; r < n; r++)
          for (let c = 0; c < n; c++) {
            let sum = layer.bias?.[o] ?? 0;
            for (let i = 0; i < inC; i++)
              for (let a = 0; a < k; a++)
                for (let b = 0; b < k; b++)
                  for (let d = 0; d < k; d++) {
                    const zz = z + a * layer.dilation - layer.padding;
                    const rr = r + b * layer.dilation - layer.padding;
                    const cc = c + d * layer.dilation - layer.padding;
                    if (zz < 0 || rr < 0 || cc < 0 || zz >= n || rr >= n || cc >= n) continue;
                    sum += (layer.weight.data[(((o * inC + i) * k + a) * k + b) * k + d] as number) * (x[i * voxels + (zz * n + rr) * n + cc] as number);
                  }
            y[o * voxels + (z * n + r) * n + c] = sum;
          }
    if (layer.batchNorm) {
      const bn = layer.batchNorm;
      for (let o = 0; o < out; o++)
        for (let v = 0; v < voxels; v++) {
          const idx = o * voxels + v;
          y[idx] = (((y[idx] as number) - (bn.mean[o] as number)) / Math.sqrt((bn.variance[o] as number) + bn.epsilon)) * (bn.gamma?.[o] ?? 1) + (bn.beta?.[o] ?? 0);
        }
    }
    if (layer.instanceNorm) {
      for (let o = 0; o < out; o++) {
        let mean = 0;
        for (let v = 0; v < voxels; v++) mean += y[o * voxels + v] as number;
        mean /= voxels;
        let variance = 0;
        for (let v = 0; v < voxels; v++) variance += ((y[o * voxels + v] as number) - mean) ** 2;
        variance /= voxels;
        for (let v = 0; v < voxels; v++) y[o * voxels + v] = ((y[o * voxels + v] as number) - mean) / Math.sqrt(variance + layer.instanceNorm.epsilon);
      }
    }
    const act: Record<Activation, (v: number) => number> = {
      relu: (v) => Math.max(0, v),
      elu: (v) => (v > 0 ? v : Math.expm1(v)),
      gelu: (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
      none: (v) => v,
    };
    x = y.map(act[layer.activation]);
    channels = out;
  }
  expect(channels).toBe(spec.classes);
  return x;
}

function layer(rand: () => number, inC: number, out: number, k: number, dilation: number, activation: Activation, extra: Partial<MeshNetLayer> = {}): MeshNetLayer {
  return {
    weight: { shape: [out, inC, k, k, k], data: Float32Array.from({ length: out * inC * k ** 3 }, rand) },
    bias: Float32Array.from({ length: out }, rand),
    dilation,
    padding: (dilation * (k - 1)) / 2,
    batchNorm: null,
    instanceNorm: null,
    activation,
    ...extra,
  };
}

describe('MeshNet ONNX graph vs a direct evaluation', () => {
  const temp = makeTempDir('yingdu-graph-ops-');
  afterAll(() => temp.remove());
  const rand = random(20260101);
  const specs: Record<string, MeshNetSpec> = {
    'relu + elu, dilations 1 and 2': { inChannels: 1, classes: 3, layers: [layer(rand, 1, 4, 3, 1, 'relu'), layer(rand, 4, 4, 3, 2, 'elu'), layer(rand, 4, 3, 1, 1, 'none')] },
    'folded batch norm + gelu': {
      inChannels: 1,
      classes: 2,
      layers: [
        layer(rand, 1, 3, 3, 2, 'gelu', {
          batchNorm: { mean: Float32Array.of(0.1, -0.2, 0.3), variance: Float32Array.of(0.5, 1.5, 2), gamma: Float32Array.of(1.2, 0.8, -0.5), beta: Float32Array.of(0.05, 0, -0.1), epsilon: 1e-5 },
        }),
        layer(rand, 3, 2, 1, 1, 'none'),
      ],
    },
    'instance norm (GroupNorm per channel, affine=False) + gelu': {
      inChannels: 1,
      classes: 2,
      layers: [layer(rand, 1, 3, 3, 4, 'gelu', { bias: null, instanceNorm: { epsilon: 1e-5 } }), layer(rand, 3, 2, 1, 1, 'none')],
    },
  };

  for (const [name, spec] of Object.entries(specs)) {
    it(name, async () => {
      const n = 9;
      const input = Float32Array.from({ length: n ** 3 }, rand);
      const expected = evaluate(spec, input, n);
      const bytes = encodeOnnxModel(buildMeshNetGraph(spec, 'ops'), { opset: MESHNET_OPSET, producerName: 'test', producerVersion: '0', docString: '', metadata: {} });
      const file = path.join(temp.dir, `${Object.keys(specs).indexOf(name)}.onnx`);
      writeFileSync(file, bytes);
      const session = await createModelSession(file, createHash('sha256').update(bytes).digest('hex'), { providers: ['cpu'] });
      const out = await session.run({ input: { dims: [1, 1, n, n, n], data: input } });
      await session.release();
      const got = out.output?.data ?? new Float32Array();
      expect(got.length).toBe(expected.length);
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs((got[i] as number) - (expected[i] as number)));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
