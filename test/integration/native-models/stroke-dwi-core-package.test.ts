// The stroke-dwi-core package as built by `models:build`: a valid manifest wired to the
// dwi-stroke pipeline and the mindgrab dependency, and a graph that onnxruntime-node runs to the
// closed-form trace and ADC (computed here in float64) with the documented floor and clip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelManifestSchema } from '../../../electron/shared/model-manifest';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import { pipelineFor } from '../../../electron/core/inference/pipelines/pipeline-registry';
import { dwiStrokePipeline } from '../../../electron/core/inference/pipelines/dwi-stroke/dwi-stroke-pipeline';
import { GRAPH_PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { ADC_MAX } from '../../../native-models/src/stroke/diffusion-maps-graph';
import { makeTempDir } from '../../support/temp-dir';

describe('stroke-dwi-core package', () => {
  const temp = makeTempDir('yingdu-stroke-package-');
  afterAll(() => temp.remove());
  const def = GRAPH_PACKAGE_DEFINITIONS.find((d) => d.id === 'stroke-dwi-core');
  const built = def!.build(temp.dir);

  it('is registered for models:build and writes a manifest the schema accepts, run by the dwi-stroke pipeline', () => {
    const manifest = modelManifestSchema.parse(JSON.parse(readFileSync(path.join(built.dir, 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({ id: 'stroke-dwi-core', task: 'parametric_map', pipeline: 'dwi-stroke', dependsOn: ['brain-mask-mindgrab'], experimental: false });
    expect(manifest.thresholds.adcCore).toBe(620);
    expect(manifest.provenance.sourceFormat).toBe('project-graph');
    expect(pipelineFor(manifest.pipeline)).toBe(dwiStrokePipeline);
    const card = readFileSync(path.join(built.dir, 'MODEL_CARD.md'), 'utf8');
    expect(card).toMatch(/not a trained network/);
    expect(card).toMatch(/one healthy volunteer/);
    expect(card).not.toMatch(/PyTorch execution of the original weights/);
  });

  it('computes the trace as the geometric mean and ADC = ln(S0/trace)/b × 10⁶, with 0 below the floor and the clip at ADC_MAX', async () => {
    const session = await createModelSession(path.join(built.dir, 'model.onnx'), built.manifest.sha256);
    try {
      const s0 = [1000, 800, 5, 500, 1000, 900];
      const dirs = [
        [500, 300, 4, 600, 1, 450],
        [400, 350, 3, 700, 2, 420],
        [450, 320, 2, 650, 1, 400],
      ];
      const b = 1000;
      const floor = 10;
      const out = await session.run({
        b0: { dims: [1, 1, 1, 1, 6], data: Float32Array.from(s0) },
        dwi: { dims: [1, 3, 1, 1, 6], data: Float32Array.from(dirs.flat()) },
        b_value: { dims: [1], data: Float32Array.of(b) },
        signal_floor: { dims: [1], data: Float32Array.of(floor) },
      });
      s0.forEach((s, v) => {
        const signals = dirs.map((d) => Math.max(d[v] as number, floor));
        const trace = Math.exp(signals.reduce((sum, x) => sum + Math.log(x), 0) / signals.length);
        const adc = s <= floor ? 0 : Math.min(ADC_MAX, Math.max(0, (Math.log(s / trace) / b) * 1e6));
        expect(out.trace!.data[v]).toBeCloseTo(trace, 2);
        expect(out.adc!.data[v]).toBeCloseTo(adc, 1);
      });
      expect(out.adc!.data[2]).toBe(0);
      expect(out.adc!.data[3]).toBe(0);
      expect(out.adc!.data[4]).toBe(ADC_MAX);
    } finally {
      await session.release();
    }
  });
});
