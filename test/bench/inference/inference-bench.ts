// Inference benchmark (issue 5, part 8). Two parts, each printed as a table, then one JSON line:
//
// 1. Per installed MeshNet model: inference time and peak memory in ONNX Runtime (CPU provider,
//    onnx-run-child.ts) next to PyTorch (Debian python3-torch, test/reference/meshnet_reference.py,
//    an independent build of the same published weights) on the same input (a head-centred crop of
//    ../shared/models/sample-inputs/t1_crop.nii.gz, 2–98 % normalised), in the same script. Each
//    run is its own process, so "peak" is that process's maximum resident set (getrusage), and
//    "model" is the peak minus the resident set before the model was loaded.
// 2. Whole pipeline, "series imported" → "findings stored": import a real series into a fresh
//    data folder, then time the job service from enqueue to the stored analysis, for the brain
//    (T1 sample written as DICOM by the test wrapper), the lung CAD (A0002 B70f) and radiographs
//    (WG04 RG2 with the TEST MODEL classifier, saliency included). A pipeline that this build does
//    not have yet is skipped with the reason printed.
//
// npm run bench:inference -- [--side N] [--data DIR] [--only ID,ID] [--brain-model ID]
//   [--pipelines brain,lung,radiograph | --no-pipelines]
// Without --data, the MeshNet packages are built from ../shared/models and installed into a
// temporary data folder. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../../../electron/core/core';
import { buildPackage } from '../../../native-models/src/packages/package-builder';
import { GRAPH_PACKAGE_DEFINITIONS, PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { importInto } from '../../integration/core/import/import-into';
import { writeT1Series } from '../../integration/core/inference/pipelines/t1-test-series';
import { agreement, centralCrop, percentileNormalize, readNifti } from '../../integration/native-models/sample-volume';
import { writeTestRadiographPackage } from '../../support/radiograph-test-models';
import { REPO_ROOT, SHARED_MODELS, sharedData, sharedModels } from '../../support/shared-data';

const REFERENCE_FORMAT = { safetensors: 'safetensors', 'tfjs-layers': 'tfjs', 'pytorch-zip': 'torchzip' } as const;
const PYTHON_PEAK = `
import json, resource, runpy, sys
import numpy, torch
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
print(json.dumps({"rssBeforeMb": round(base / 1024), "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
`;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const lastJson = <T>(out: string): T => JSON.parse(out.trim().split('\n').filter((l) => l.startsWith('{')).pop() as string) as T;
const mb = (v: number) => `${String(v).padStart(6)} MB`;

interface ModelRow {
  model: string;
  side: number;
  onnxruntime: { seconds: number; peakRssMb: number; modelRssMb: number; provider: string };
  pytorch: { seconds: number; peakRssMb: number; modelRssMb: number; threads: number };
  agreementPercent: number;
}

async function modelRows(side: number, temp: string): Promise<{ rows: ModelRow[]; skipped: string[] }> {
  const dataDir = option('--data') ?? path.join(temp, 'data');
  const only = option('--only')?.split(',');
  const core = createCore({ dataDir, host: 'cli' });
  const skipped: string[] = [];
  const rows: ModelRow[] = [];
  try {
    if (!option('--data')) {
      for (const def of PACKAGE_DEFINITIONS.filter((d) => !only || only.includes(d.id))) core.models.install(buildPackage(def, SHARED_MODELS, path.join(temp, 'packages')).dir);
    }
    const input = percentileNormalize(readNifti(sharedModels('sample-inputs', 't1_crop.nii.gz')));
    const volume = side >= 256 ? input : centralCrop(input, side);
    const inputFile = path.join(temp, 'input.f32');
    writeFileSync(inputFile, new Uint8Array(volume.data.buffer));
    for (const installed of core.models.list()) {
      const m = installed.manifest;
      if (only && !only.includes(m.id)) continue;
      const def = PACKAGE_DEFINITIONS.find((d) => d.id === m.id);
      if (!def || m.provenance.sourceFormat !== def.format) {
        skipped.push(`${m.id}: not a MeshNet package converted from ../shared/models (no PyTorch reference)`);
        continue;
      }
      const modelPath = path.join(core.models.folderOf(m.id, m.version), 'model.onnx');
      const oursFile = path.join(temp, `${m.id}.ours.u8`);
      const refFile = path.join(temp, `${m.id}.ref.u8`);
      const ours = lastJson<{ seconds: number; provider: string; rssBeforeMb: number; peakRssMb: number }>(
        execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/bench/inference/onnx-run-child.ts'), modelPath, m.sha256, inputFile, ...volume.dims.map(String), oursFile], { encoding: 'utf8', cwd: REPO_ROOT }),
      );
      const refOut = execFileSync(
        '/usr/bin/python3',
        ['-W', 'ignore', '-c', PYTHON_PEAK, path.join(REPO_ROOT, 'test/reference/meshnet_reference.py'), REFERENCE_FORMAT[def.format], path.join(SHARED_MODELS, def.sourceDir), inputFile, ...volume.dims.map(String), refFile],
        { encoding: 'utf8' },
      );
      const refLines = refOut.trim().split('\n').filter((l) => l.startsWith('{'));
      const ref = JSON.parse(refLines.at(-2) as string) as { seconds: number; threads: number };
      const refMem = JSON.parse(refLines.at(-1) as string) as { rssBeforeMb: number; peakRssMb: number };
      const row: ModelRow = {
        model: m.id,
        side,
        onnxruntime: { seconds: ours.seconds, peakRssMb: ours.peakRssMb, modelRssMb: ours.peakRssMb - ours.rssBeforeMb, provider: ours.provider },
        pytorch: { seconds: ref.seconds, peakRssMb: refMem.peakRssMb, modelRssMb: refMem.peakRssMb - refMem.rssBeforeMb, threads: ref.threads },
        agreementPercent: Number((agreement(new Uint8Array(readFileSync(oursFile)), new Uint8Array(readFileSync(refFile))) * 100).toFixed(4)),
      };
      rows.push(row);
      process.stdout.write(
        `${m.id.padEnd(30)} ${side}³  onnxruntime ${String(row.onnxruntime.seconds).padStart(7)} s ${mb(row.onnxruntime.peakRssMb)} (+${row.onnxruntime.modelRssMb})   ` +
          `pytorch ${String(row.pytorch.seconds).padStart(7)} s ${mb(row.pytorch.peakRssMb)} (+${row.pytorch.modelRssMb})   agree ${row.agreementPercent} %\n`,
      );
    }
  } finally {
    await core.close();
  }
  return { rows, skipped };
}

interface PipelineRow {
  pipeline: string;
  model: string;
  importSeconds: number;
  analysisSeconds: number;
  totalSeconds: number;
  findings: number;
  outputs: number;
  timingsMs: unknown;
}

/** Imports `paths` into a fresh data folder, installs `packageDir`, runs the model on the first series and times it. */
async function timePipeline(name: string, temp: string, paths: string[], packageDirs: string[], modelId: string): Promise<PipelineRow> {
  const dataDir = path.join(temp, `pipeline-${name}`);
  const t0 = performance.now();
  await importInto(dataDir, paths);
  const t1 = performance.now();
  const core = createCore({ dataDir, host: 'web', aiAutoRun: false });
  try {
    for (const dir of packageDirs) core.models.install(dir);
    const series = (core.db.prepare('SELECT series_instance_uid AS uid FROM series ORDER BY id LIMIT 1').get() as { uid: string }).uid;
    const t2 = performance.now();
    const job = core.jobs.enqueue(series, modelId, 'stat');
    await core.jobs.idle();
    const t3 = performance.now();
    const done = core.jobs.store.get(job.id);
    if (done?.state !== 'done') throw new Error(`${done?.errorCode ?? 'job not done'}: ${done?.errorMessage ?? ''}`);
    const analysis = core.jobs.analyses.get(job.id);
    return {
      pipeline: name,
      model: modelId,
      importSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
      analysisSeconds: Number(((t3 - t2) / 1000).toFixed(2)),
      totalSeconds: Number(((t1 - t0 + t3 - t2) / 1000).toFixed(2)),
      findings: analysis?.findings.length ?? 0,
      outputs: analysis?.outputs.length ?? 0,
      timingsMs: done.result?.timingsMs,
    };
  } finally {
    await core.close();
  }
}

async function pipelineRows(temp: string): Promise<{ rows: PipelineRow[]; skipped: string[] }> {
  const rows: PipelineRow[] = [];
  const skipped: string[] = [];
  const packages = path.join(temp, 'pipeline-packages');
  const brainModel = option('--brain-model') ?? 'tissue-gwm';
  const cases: Array<{ name: string; prepare: () => { paths: string[]; packageDirs: string[]; modelId: string } }> = [
    {
      name: 'brain',
      prepare: () => {
        const def = PACKAGE_DEFINITIONS.find((d) => d.id === brainModel);
        if (!def) throw new Error(`no package definition "${brainModel}"`);
        const built = buildPackage(def, SHARED_MODELS, packages);
        const deps = built.manifest.dependsOn.map((id) => buildPackage(PACKAGE_DEFINITIONS.find((d) => d.id === id) as (typeof PACKAGE_DEFINITIONS)[number], SHARED_MODELS, packages).dir);
        return { paths: [writeT1Series(path.join(temp, 't1-series')).dir], packageDirs: [...deps, built.dir], modelId: brainModel };
      },
    },
    {
      name: 'lung',
      prepare: () => {
        const def = GRAPH_PACKAGE_DEFINITIONS.find((d) => d.id === 'lung-nodule-cad');
        if (!def) throw new Error('this build has no lung-nodule-cad package definition');
        return { paths: [sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f')], packageDirs: [def.build(packages).dir], modelId: 'lung-nodule-cad' };
      },
    },
    {
      name: 'radiograph',
      prepare: () => ({
        paths: [sharedData('conformance', 'wg04', 'REF', 'RG2_UNC')],
        packageDirs: [writeTestRadiographPackage('classifier', packages).dir],
        modelId: 'test-metal-classifier',
      }),
    },
  ];
  const wanted = option('--pipelines')?.split(',');
  for (const c of cases.filter((x) => !wanted || wanted.includes(x.name))) {
    try {
      const { paths, packageDirs, modelId } = c.prepare();
      const row = await timePipeline(c.name, temp, paths, packageDirs, modelId);
      rows.push(row);
      process.stdout.write(`pipeline ${c.name.padEnd(11)} ${modelId.padEnd(24)} import ${String(row.importSeconds).padStart(6)} s   enqueue→stored ${String(row.analysisSeconds).padStart(7)} s   findings ${row.findings}\n`);
    } catch (error) {
      const reason = `${c.name}: skipped (${error instanceof Error ? error.message : String(error)})`;
      skipped.push(reason);
      process.stdout.write(`pipeline ${reason}\n`);
    }
  }
  return { rows, skipped };
}

async function main() {
  const side = Number(option('--side') ?? 64);
  const temp = mkdtempSync(path.join(tmpdir(), 'yingdu-inference-bench-'));
  try {
    const models = await modelRows(side, temp);
    for (const s of models.skipped) process.stdout.write(`skipped ${s}\n`);
    const pipelines = process.argv.includes('--no-pipelines') ? { rows: [], skipped: ['not requested (--no-pipelines)'] } : await pipelineRows(temp);
    process.stdout.write(
      `${JSON.stringify({ bench: 'inference', cores: cpus().length, side, models: models.rows, modelsSkipped: models.skipped, pipelines: pipelines.rows, pipelinesSkipped: pipelines.skipped })}\n`,
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

void main();
