// `yingdu report export --format sr`: the study's current reviewed report as a TID 1500
// Comprehensive 3D SR. Reported findings only (accepted, edited, added), each with the observer
// who stands behind its values: the model (device) for an accepted AI finding as it was, the
// physician (person) for an edited or added one. A final signature makes the SR VERIFIED.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../shared/ai-results';
import type { ReportFinding, StructuredReport } from '../../shared/reports';
import { AppError } from '../../shared/result';
import { APP_VERSION } from '../app/version';
import { readValidatedDataset } from '../dicom/dcmjs-dataset';
import { type Observer, type ReportedFinding, writeMeasurementReport } from '../dicom-objects/measurement-report-writer';
import { type NaturalDataset, naturalize } from '../dicom-objects/natural-dataset';
import { createAnalysisStore } from '../inference/jobs/analysis-store';
import type { Database } from '../store/database';
import { storeRelativePath } from '../store/managed-store';

export interface SrExportContext {
  report: StructuredReport;
  db: Database;
  storeDir: string;
  out: string;
}

const REPORTED = new Set(['accepted', 'edited', 'added']);

/** The source series: that of the first AI analysis behind a reported finding, else the study's largest series. */
function sourceSeries(db: Database, report: StructuredReport): string {
  const analyses = createAnalysisStore(db);
  for (const f of report.findings) {
    if (f.ref.analysisId === null) continue;
    const analysis = analyses.get(f.ref.analysisId);
    if (analysis) return analysis.seriesInstanceUID;
  }
  const row = db
    .prepare(
      `SELECT s.series_instance_uid AS uid FROM series s JOIN studies st ON st.id = s.study_ref
       JOIN instances i ON i.series_ref = s.id WHERE st.study_instance_uid = ? AND i.image_position IS NOT NULL
       GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get(report.studyInstanceUID) as { uid: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'The study has no image series in the data folder to attach the measurement report to.');
  return row.uid;
}

export function loadSeriesHeaders(db: Database, storeDir: string, seriesInstanceUID: string): NaturalDataset[] {
  const hashes = db
    .prepare(`SELECT i.file_hash AS hash FROM instances i JOIN series s ON s.id = i.series_ref WHERE s.series_instance_uid = ? ORDER BY i.instance_number, i.id`)
    .all(seriesInstanceUID) as Array<{ hash: string }>;
  return hashes.map(({ hash }) => naturalize(readValidatedDataset(readFileSync(path.join(storeDir, storeRelativePath(hash)))).dict));
}

function asFinding(f: ReportFinding, index: number): Finding | null {
  const v = f.values;
  if (!v.centerLPS) return null;
  return {
    id: f.ref.findingId.slice(0, 32) || `f${index + 1}`,
    type: v.type ?? f.type,
    label: v.label ?? f.label,
    centerLPS: v.centerLPS,
    ...(v.boundsLPS ? { boundsLPS: v.boundsLPS } : {}),
    ...(v.longAxisMm !== undefined ? { longAxisMm: v.longAxisMm } : {}),
    ...(v.shortAxisMm !== undefined ? { shortAxisMm: v.shortAxisMm } : {}),
    ...(v.volumeMl !== undefined ? { volumeMl: v.volumeMl } : {}),
  };
}

export function buildSrReport(ctx: Omit<SrExportContext, 'out'>): { bytes: Uint8Array; notes: string[] } {
  const { report } = ctx;
  const sources = loadSeriesHeaders(ctx.db, ctx.storeDir, sourceSeries(ctx.db, report));
  const notes: string[] = [];
  const findings: ReportedFinding[] = [];
  report.findings.forEach((f, i) => {
    if (!REPORTED.has(f.disposition)) return;
    const finding = asFinding(f, i);
    if (!finding) {
      notes.push(`Finding "${f.label}" has no position and is not in the SR.`);
      return;
    }
    const observer: Observer =
      f.disposition === 'accepted' && f.ai ? { kind: 'device', modelId: f.ai.modelId, modelVersion: f.ai.modelVersion } : { kind: 'person', name: f.decidedBy?.name ?? 'unknown' };
    findings.push({ finding, observer, disposition: f.disposition, ...(f.lungRads ? { lungRads: f.lungRads.category } : {}) });
  });
  const finalSignature = [...report.signatures].reverse().find((s) => s.status === 'final' || s.status === 'addendum');
  const observers: Observer[] = [
    ...report.models.map((m) => ({ kind: 'device' as const, modelId: m.id, modelVersion: m.version })),
    ...(finalSignature ? [{ kind: 'person' as const, name: finalSignature.reader.name }] : []),
  ];
  const written = writeMeasurementReport({
    sources,
    findings,
    observers,
    ...(finalSignature ? { verifiedBy: { name: finalSignature.reader.name, at: new Date(finalSignature.at) } } : {}),
    softwareVersion: APP_VERSION,
  });
  return { bytes: written.bytes, notes };
}

export function exportSrReport(ctx: SrExportContext): { path: string; bytes: number } {
  const { bytes } = buildSrReport(ctx);
  const temp = `${ctx.out}.part-${process.pid}`;
  writeFileSync(temp, bytes);
  renameSync(temp, ctx.out);
  return { path: ctx.out, bytes: bytes.byteLength };
}
