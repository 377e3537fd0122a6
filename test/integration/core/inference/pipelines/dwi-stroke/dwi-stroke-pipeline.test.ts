// The DWI stroke pipeline on the real Philips volunteer series: the real packages (the
// project's trace/ADC graph and mindgrab converted from ../shared/models) in onnxruntime-node,
// the real volume assembly, and pydicom as the independent side: it computes ADC from the
// stored values itself and writes synthetic infarcts into copies of the real files.
// mindgrab's 256³ run on the b≈0 image happens once per file (see package-runner.ts).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../../../electron/shared/ai-results';
import { applyAffine3x4, indexToPatient } from '../../../../../../electron/core/inference/pipelines/conform/voxel-grid';
import { dwiStrokePipeline } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/dwi-stroke-pipeline';
import type { PipelineResult } from '../../../../../../electron/core/inference/pipelines/pipeline';
import { voxelVolumeMl } from '../../../../../../electron/core/inference/pipelines/volume-ops/voxel-volume';
import { assembleVolumes } from '../../../../../../electron/core/volumes/volume-assembly';
import type { Volume } from '../../../../../../electron/core/volumes/volume';
import { buildPackage } from '../../../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../../../native-models/src/packages/package-definitions';
import { STROKE_DWI_CORE_PACKAGE } from '../../../../../../native-models/src/stroke/stroke-dwi-core-package';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS, sharedData } from '../../../../../support/shared-data';
import { pydicomPython, runPydicomJson } from '../../../../../support/pydicom';
import { makeTempDir } from '../../../../../support/temp-dir';
import { type PackageRunner, packageRunner } from './package-runner';

const DWI_DIR = sharedData('mr-brain-dwi-philips');
const INSERT_SCRIPT = readFileSync(path.join(__dirname, 'insert-lesions.py'), 'utf8');
const CAN_RUN = HAS_SHARED && pydicomPython() !== null;

function readSeries(dir: string): Promise<Volume[]> {
  const names = readdirSync(dir).filter((n) => n.startsWith('IM_'));
  return assembleVolumes(names.map((n) => new Uint8Array(readFileSync(path.join(dir, n)))));
}

function run(runner: PackageRunner, volumes: Volume[]): Promise<PipelineResult> {
  const manifest = runner.manifest('stroke-dwi-core');
  return dwiStrokePipeline({ model: { manifest, card: '', installedAt: '', enabled: true }, volumes, runner, progress() {}, signal: new AbortController().signal });
}

const sphereRadius = (ml: number) => Math.cbrt((3 * ml * 1000) / (4 * Math.PI));

describe.skipIf(!CAN_RUN)(`DWI stroke pipeline on the Philips volunteer${CAN_RUN ? '' : ` (skipped: ${SHARED_MISSING_REASON} or pydicom missing)`}`, () => {
  const temp = makeTempDir('yingdu-dwi-stroke-');
  let runner: PackageRunner;
  let volunteer: Volume[];
  let baseline: PipelineResult;

  beforeAll(async () => {
    const packages = path.join(temp.dir, 'packages');
    STROKE_DWI_CORE_PACKAGE.build(packages);
    const mindgrab = PACKAGE_DEFINITIONS.find((d) => d.id === 'brain-mask-mindgrab');
    if (!mindgrab) throw new Error('brain-mask-mindgrab definition missing');
    buildPackage(mindgrab, SHARED_MODELS, packages);
    runner = packageRunner(packages);
    volunteer = await readSeries(DWI_DIR);
    const started = Date.now();
    baseline = await run(runner, volunteer);
    console.log(`volunteer: pipeline ${((Date.now() - started) / 1000).toFixed(1)} s, core ${JSON.stringify(baseline.measurements)}, findings ${JSON.stringify(baseline.findings.map((f) => [f.volumeMl, f.side, f.location, f.meanValue]))}, warnings ${JSON.stringify(baseline.warnings)}`);
  }, 600_000);

  afterAll(async () => {
    await runner?.release();
    temp.remove();
  });

  it('returns the ADC map and the core label map on the DWI grid, and a total core measurement', () => {
    const grid = volunteer[0]!;
    const [adc, core] = baseline.outputs;
    expect(adc).toMatchObject({ kind: 'parametric', name: 'adc', unit: '10⁻⁶ mm²/s' });
    expect(core).toMatchObject({ kind: 'labelmap', name: 'core' });
    expect(core!.labels?.['1']?.key).toBe('infarct-core');
    for (const output of [adc!, core!]) {
      expect(output.grid.dimensions).toEqual(grid.dimensions);
      expect(output.voxels.length).toBe(112 * 112 * 32);
    }
    const total = baseline.measurements.find((m) => m.name === 'infarct_core');
    expect(total?.unit).toBe('mL');
    const labelled = (core!.voxels as Uint8Array).reduce((n, v) => n + (v ? 1 : 0), 0) * voxelVolumeMl(grid);
    expect(total!.value).toBeCloseTo(labelled, 1);
    expect(total!.value).toBeCloseTo(baseline.findings.reduce((s, f) => s + (f.volumeMl ?? 0), 0), 1);
  });

  // The bare ADC < 620 threshold marks 186 mL of this healthy brain (normal white matter ≈ 645);
  // see infarct-core.ts for the safeguards that bring it near zero.
  it('reports near-zero core on the healthy volunteer (under 1 mL, below the 1 mL triage flag)', () => {
    const total = baseline.measurements.find((m) => m.name === 'infarct_core')!.value;
    expect(total).toBeLessThan(1);
  });

  it('inserts a 10 mL and a 3 mL infarct (ADC 450 / 500) into the real images and recovers each within 20 % with its side; ADC matches pydicom', async () => {
    const grid = volunteer[0]!;
    const toLps = (ijk: [number, number, number]) => applyAffine3x4(indexToPatient(grid), ijk).map((c) => Number(c.toFixed(3))) as [number, number, number];
    // Left frontal white matter (high i is patient left: the row direction is ≈ +x, LPS) and right parietal.
    const spheres = [
      { center: toLps([72, 42, 17]), radiusMm: sphereRadius(10), adc: 450, side: 'left' },
      { center: toLps([34, 74, 17]), radiusMm: sphereRadius(3), adc: 500, side: 'right' },
    ];
    const sampleIndices: Array<[number, number, number]> = [
      [56, 56, 16],
      [40, 60, 10],
      [66, 40, 20],
      [48, 78, 12],
      [60, 30, 24],
    ];
    const out = path.join(temp.dir, 'inserted');
    const report = runPydicomJson<{ insertedVoxels: number[]; editedFiles: number; samples: Array<{ point: number[]; adc: number }> }>(INSERT_SCRIPT, [
      DWI_DIR,
      out,
      JSON.stringify({ spheres, samples: sampleIndices.map(toLps) }),
    ]);
    expect(report.editedFiles).toBeGreaterThan(0);

    // ADC from the graph vs ADC computed by pydicom/numpy from the stored values of the same voxels.
    expect(report.samples).toHaveLength(sampleIndices.length);
    const adcMap = baseline.outputs[0]!.voxels as Float32Array;
    report.samples.forEach((sample, n) => {
      const [i, j, k] = sampleIndices[n]!;
      expect(sample.adc).toBeGreaterThan(100);
      expect(adcMap[(k * 112 + j) * 112 + i]).toBeCloseTo(sample.adc, 0);
    });

    const edited = await readSeries(out);
    const result = await run(runner, edited);
    console.log(`inserted: core ${JSON.stringify(result.measurements)}, findings ${JSON.stringify(result.findings.map((f) => [f.volumeMl, f.side, f.location, f.meanValue, f.centerLPS]))}`);
    const mlPerVoxel = voxelVolumeMl(grid);
    spheres.forEach((sphere, n) => {
      const insertedMl = report.insertedVoxels[n]! * mlPerVoxel;
      const distance = (f: Finding) => Math.hypot(...f.centerLPS!.map((c, a) => c - sphere.center[a]!));
      const found = [...result.findings].sort((a, b) => distance(a) - distance(b))[0];
      console.log(`sphere ${n + 1}: inserted ${insertedMl.toFixed(2)} mL, recovered ${found?.volumeMl} mL, side ${found?.side}, centre off by ${found ? distance(found).toFixed(1) : '-'} mm`);
      expect(found).toBeDefined();
      expect(distance(found!)).toBeLessThan(4);
      expect(Math.abs(found!.volumeMl! - insertedMl) / insertedMl).toBeLessThan(0.2);
      expect(found!.side).toBe(sphere.side);
      expect(found!.meanValue!).toBeLessThan(sphere.adc + 60);
    });
    // Only the b=1000 images were edited, so the b≈0 input to mindgrab was identical: one 256³ run.
    expect(runner.runs['brain-mask-mindgrab']).toBe(1);
  }, 600_000);
});
