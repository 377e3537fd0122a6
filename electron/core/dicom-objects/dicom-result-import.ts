// Stored SEG and TID 1500 SR objects (ours re-imported, or another tool's) become AI analyses the
// viewer overlays like any model's: an analyses row whose "model" is the algorithm (or device,
// or equipment) the object names, label-map outputs for SEG segments and findings for SR groups.
// The row needs a jobs row (analyses.analysis_id references it): a finished job is recorded with
// provider "dicom-import" and the object's file hash standing in for the weights' hash.
import { createHash } from 'node:crypto';
import type { AnalysisOutput, AnalysisResult } from '../../shared/ai-results';
import { createAnalysisStore } from '../inference/jobs/analysis-store';
import { writeAnalysisOutputs } from '../inference/jobs/output-writer';
import type { OutputVolume } from '../inference/pipelines/pipeline';
import type { Database } from '../store/database';
import { measurementReportFindings, readMeasurementReport } from './measurement-report-reader';
import { readSegmentation, type SegmentationObject } from './seg-reader';
import { segmentationAnalysis } from './segmentation-findings';

const PALETTE: Array<[number, number, number]> = [[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48], [145, 30, 180], [70, 240, 240], [240, 50, 230]];

export interface ResultImportContext {
  db: Database;
  dataDir: string;
}

function recordJob(db: Database, study: string, series: string, model: { id: string; version: string }, sha256: string): number {
  const at = new Date().toISOString();
  const job = db
    .prepare(
      `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, progress,
         provider, created_at, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 'routine', 'done', 1, 'dicom-import', ?, ?, ?)`,
    )
    .run(series, study, model.id, model.version, sha256, at, at, at);
  return Number(job.lastInsertRowid);
}

/** A SEG as an analysis with label-map outputs on the segmentation's grid. */
export function importSegmentation(ctx: ResultImportContext, bytes: Uint8Array): { result: AnalysisResult; seg: SegmentationObject } {
  const seg = readSegmentation(bytes);
  const analysis = segmentationAnalysis(seg);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const series = seg.referencedSeriesUID ?? seg.seriesInstanceUID;
  const jobId = recordJob(ctx.db, seg.studyInstanceUID, series, analysis.model, sha256);
  const grid = { dimensions: seg.grid.dims, spacing: seg.grid.spacing, origin: seg.grid.origin, direction: seg.grid.directions } as OutputVolume['grid'];
  const volumes: OutputVolume[] = analysis.labelmaps.map((map) => ({
    kind: 'labelmap',
    name: map.name,
    grid,
    voxels: map.voxels,
    labels: Object.fromEntries(
      Object.entries(map.labels).map(([value, l]) => [value, { key: l.label, name: { en: l.label, 'zh-CN': l.label }, color: PALETTE[(l.segment - 1) % PALETTE.length]! }]),
    ) as AnalysisOutput['labels'],
  }));
  const written = writeAnalysisOutputs(ctx.dataDir, jobId, volumes);
  const result: AnalysisResult = {
    analysisId: jobId,
    studyInstanceUID: seg.studyInstanceUID,
    seriesInstanceUID: series,
    model: { ...analysis.model, sha256 },
    provider: 'dicom-import',
    seconds: 0,
    findings: analysis.findings,
    measurements: [],
    outputs: written.outputs,
    warnings: seg.referencedSeriesUID ? [] : ['The segmentation does not name its source series; it is shown on its own grid.'],
    createdAt: new Date().toISOString(),
  };
  createAnalysisStore(ctx.db).save(result, written.grids);
  return { result, seg };
}

/** A TID 1500 SR as an analysis with findings; groups on a segment of `segmentations` take its centroid. */
export function importMeasurementReport(ctx: ResultImportContext, bytes: Uint8Array, segmentations: readonly SegmentationObject[] = []): AnalysisResult {
  const report = readMeasurementReport(bytes);
  const centres = new Map<string, [number, number, number]>();
  for (const seg of segmentations) {
    for (const f of segmentationAnalysis(seg).findings) if (f.centerLPS) centres.set(`${seg.sopInstanceUID}#${f.labelValue}`, f.centerLPS);
  }
  const { model, findings, warnings } = measurementReportFindings(report, (uid, n) => centres.get(`${uid}#${n}`));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const series = report.evidenceSeriesUID ?? report.sopInstanceUID;
  const jobId = recordJob(ctx.db, report.studyInstanceUID, series, model, sha256);
  const result: AnalysisResult = {
    analysisId: jobId,
    studyInstanceUID: report.studyInstanceUID,
    seriesInstanceUID: series,
    model: { ...model, sha256 },
    provider: 'dicom-import',
    seconds: 0,
    findings,
    measurements: report.groups.flatMap((g) => g.measurements),
    outputs: [],
    warnings,
    createdAt: new Date().toISOString(),
  };
  createAnalysisStore(ctx.db).save(result, []);
  return result;
}
