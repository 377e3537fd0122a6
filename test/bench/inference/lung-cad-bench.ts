// Lung CAD benchmark: on both A0002 reconstructions, the whole `lung-cad` pipeline (working grid,
// lung mask, filter graph in ONNX Runtime ×3 for test-time augmentation, candidates, measurements)
// with sensitivity and false positives per scan against the 18 ground-truth boxes; and the filter
// stage alone, ONNX Runtime (CPU) next to scipy.ndimage.correlate1d + numpy.linalg.eigvalsh (Debian
// python3-scipy, test/reference/lung_cad_filters.py) on the same working grid in the same script,
// with their agreement. Prints a table, then one JSON line. Asserts nothing.
//
// npm run bench:lung-cad
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { buildWorkingGrid, modalityValues } from '../../../electron/core/inference/pipelines/lung-cad/working-grid';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import { BLOB_SCALES_MM, MIN_SPACING_MM } from '../../../native-models/src/lung-cad/blob-filter-graph';
import { A0002, a0002TruthBoxes, insideTruth, loadSeries, openLungCad } from '../../integration/core/inference/pipelines/lung-cad/lung-cad-harness';
import { REPO_ROOT } from '../../support/shared-data';

interface Row {
  kernel: string;
  pipelineSeconds: number;
  findings: number;
  truePositives: number;
  sensitivity: number;
  falsePositives: number;
  tumourLongAxisMm: number | null;
  tumourShortAxisMm: number | null;
  tumourVolumeMl: number | null;
  onnxFilterSeconds: number;
  scipyFilterSeconds: number;
  dotMaxAbsDiffRelative: number;
  lineMaxAbsDiffRelative: number;
  dotCorrelation: number;
}

function correlation(a: Float32Array, b: Float32Array): number {
  let ma = 0;
  let mb = 0;
  for (let n = 0; n < a.length; n++) {
    ma += a[n]!;
    mb += b[n]!;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let n = 0; n < a.length; n++) {
    sab += (a[n]! - ma) * (b[n]! - mb);
    saa += (a[n]! - ma) ** 2;
    sbb += (b[n]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

async function main(): Promise<void> {
  const temp = mkdtempSync(path.join(tmpdir(), 'lung-cad-bench-'));
  const cad = await openLungCad(temp);
  const boxes = a0002TruthBoxes();
  const session = await createModelSession(path.join(temp, cad.manifest.id, 'model.onnx'), cad.manifest.sha256, { providers: ['cpu'] });
  const rows: Row[] = [];
  try {
    for (const kernel of ['B70f', 'B40f']) {
      const volume = await loadSeries(path.join(A0002, `series-${kernel}`));
      const started = performance.now();
      const result = await cad.analyze(volume);
      const pipelineSeconds = (performance.now() - started) / 1000;
      const hits = result.findings.filter((f) => f.centerLPS && insideTruth(f.centerLPS, boxes, volume.spacing[2]));

      const grid = buildWorkingGrid(volume, modalityValues(volume), MIN_SPACING_MM);
      const [ni, nj, nk] = grid.dims;
      const t0 = performance.now();
      const out = await session.run({
        ct: { dims: [1, 1, nk, nj, ni], data: grid.hu },
        spacing: { dims: [3], data: Float32Array.of(grid.spacing[2], grid.spacing[1], grid.spacing[0]) },
      });
      const onnxFilterSeconds = (performance.now() - t0) / 1000;
      const input = path.join(temp, 'hu.f32');
      const output = path.join(temp, 'filters.f32');
      writeFileSync(input, grid.hu);
      const scipy = JSON.parse(
        execFileSync('/usr/bin/python3', [path.join(REPO_ROOT, 'test/reference/lung_cad_filters.py'), input, ...grid.dims.map(String), ...grid.spacing.map(String), output, ...BLOB_SCALES_MM.map(String)], { encoding: 'utf8' }),
      ) as { seconds: number };
      const bytes = readFileSync(output);
      const referenceBoth = new Float32Array(bytes.buffer, bytes.byteOffset, 2 * grid.hu.length);
      const reference = referenceBoth.subarray(0, grid.hu.length);
      const referenceLine = referenceBoth.subarray(grid.hu.length);
      const dot = out.dot!.data;
      const line = out.line!.data;
      let maxDot = 0;
      let maxDiff = 0;
      let maxLine = 0;
      let maxLineDiff = 0;
      for (let n = 0; n < dot.length; n++) {
        maxDot = Math.max(maxDot, dot[n]!);
        maxDiff = Math.max(maxDiff, Math.abs(dot[n]! - reference[n]!));
        maxLine = Math.max(maxLine, line[n]!);
        maxLineDiff = Math.max(maxLineDiff, Math.abs(line[n]! - referenceLine[n]!));
      }
      const tumour = hits[0];
      rows.push({
        kernel,
        pipelineSeconds,
        findings: result.findings.length,
        truePositives: hits.length,
        sensitivity: hits.length ? 1 : 0,
        falsePositives: result.findings.length - hits.length,
        tumourLongAxisMm: tumour?.longAxisMm ?? null,
        tumourShortAxisMm: tumour?.shortAxisMm ?? null,
        tumourVolumeMl: tumour?.volumeMl ?? null,
        onnxFilterSeconds,
        scipyFilterSeconds: scipy.seconds,
        dotMaxAbsDiffRelative: maxDiff / maxDot,
        lineMaxAbsDiffRelative: maxLineDiff / maxLine,
        dotCorrelation: correlation(dot, reference),
      });
    }
  } finally {
    await session.release();
    await cad.release();
    rmSync(temp, { recursive: true, force: true });
  }
  const gtW = Math.max(...boxes.map((b) => b.max[0] - b.min[0]));
  const gtH = Math.max(...boxes.map((b) => b.max[1] - b.min[1]));
  process.stdout.write(`ground truth: ${boxes.length} boxes, largest ${gtW.toFixed(1)} × ${gtH.toFixed(1)} mm, on ${new Set(boxes.map((b) => b.sliceZ)).size} slices\n`);
  process.stdout.write('kernel  pipeline s  sens  FP/scan  tumour long×short mm  vol mL  ONNX filter s  scipy filter s  dot max|Δ|/max  line max|Δ|/max  dot r\n');
  for (const r of rows) {
    process.stdout.write(
      `${r.kernel.padEnd(7)} ${r.pipelineSeconds.toFixed(2).padStart(10)}  ${r.sensitivity.toFixed(2)}  ${String(r.falsePositives).padStart(7)}  ` +
        `${`${r.tumourLongAxisMm ?? '-'}×${r.tumourShortAxisMm ?? '-'}`.padStart(20)}  ${String(r.tumourVolumeMl ?? '-').padStart(6)}  ` +
        `${r.onnxFilterSeconds.toFixed(2).padStart(13)}  ${r.scipyFilterSeconds.toFixed(2).padStart(14)}  ${r.dotMaxAbsDiffRelative.toExponential(2).padStart(14)}  ${r.lineMaxAbsDiffRelative.toExponential(2).padStart(15)}  ${r.dotCorrelation.toFixed(5)}\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ bench: 'lung-cad', cores: cpus().length, rows })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
