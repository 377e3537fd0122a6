// `yingdu feedback export --model ID OUT_DIR`: the reviewed cases of one model as a de-identified
// bundle for whoever improves the model. Per case: the source images of the model's analyses, the
// AI output as produced (SEG of its label maps, TID 1500 SR of its findings) and the physician's
// final version (the review's SEG and SR), all de-identified by the PS3.15 Annex E basic profile
// with ONE UidRemapper for the whole bundle, so the SEG/SR references still point at the images;
// plus dispositions.json (AI values, decision, reason, edited values, times; readers by role only;
// per finding in the final SEG its segment, and the Dice of the final mask against the AI's).
// Case folders are numbered; no file or folder name comes from a DICOM value.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisResult } from '../../shared/ai-results';
import { findingKey } from '../../shared/reports';
import { AppError } from '../../shared/result';
import { APP_VERSION } from '../app/version';
import { deidentifyBytes } from '../deidentify/deidentify-files';
import { UidRemapper } from '../deidentify/uid-remapper';
import { type ReportedFinding, writeMeasurementReport } from '../dicom-objects/measurement-report-writer';
import { buildSegReport, type SegReport } from '../exports/seg-report-export';
import { buildSrReport, loadSeriesHeaders } from '../exports/sr-report-export';
import type { ReviewService } from '../review/review-service';
import type { Database } from '../store/database';
import { storeRelativePath } from '../store/managed-store';
import { type ReviewedStudy, reviewedStudies } from './feedback-records';
import { foldFeedbackStats } from './feedback-stats';

export interface FeedbackExportContext {
  db: Database;
  dataDir: string;
  storeDir: string;
  review: ReviewService;
  listAnalyses(studyInstanceUID: string): AnalysisResult[];
}

export interface FeedbackCaseManifest {
  case: string;
  reportStatus: string;
  images: number;
  /** Paths relative to the bundle folder. */
  files: string[];
  findings: number;
  /** Objects that could not be made for this case, and why (e.g. no label maps for a SEG). */
  notes: string[];
}

export interface FeedbackManifest {
  format: 'yingdu-feedback-bundle/1';
  modelId: string;
  modelVersions: string[];
  createdAt: string;
  software: string;
  deidentification: string;
  cases: FeedbackCaseManifest[];
}

/** Not a question of PHI: the case's objects that cannot exist (no label maps) are noted, not fatal. */
function attempt<T>(notes: string[], what: string, make: () => T): T | null {
  try {
    return make();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      notes.push(`${what}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

async function attemptAsync<T>(notes: string[], what: string, make: () => Promise<T>): Promise<T | null> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      notes.push(`${what}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

/** The AI's own findings as a TID 1500 SR with the model as observer (the "as produced" version). */
function aiMeasurementReport(ctx: FeedbackExportContext, study: ReviewedStudy): Uint8Array {
  const first = study.analyses[0]!;
  const findings: ReportedFinding[] = study.analyses.flatMap((a) =>
    a.findings.filter((f) => f.centerLPS).map((finding) => ({ finding, observer: { kind: 'device' as const, modelId: a.model.id, modelVersion: a.model.version } })),
  );
  if (findings.length === 0) throw new AppError('NOT_FOUND', 'The model reported no finding with a position.');
  const models = new Map(study.analyses.map((a) => [`${a.model.id}@${a.model.version}`, a.model]));
  return writeMeasurementReport({
    sources: loadSeriesHeaders(ctx.db, ctx.storeDir, first.seriesInstanceUID),
    findings,
    observers: [...models.values()].map((m) => ({ kind: 'device' as const, modelId: m.id, modelVersion: m.version })),
    softwareVersion: APP_VERSION,
  }).bytes;
}

/** Null when the finding has no segment in the final SEG (rejected, pending, or not drawable). */
export interface FinalMaskEntry {
  segmentNumber: number;
  algorithmType: string;
  /** Voxels on the source images. */
  voxels: number;
  /** Dice of the final mask against the AI's in the label-map grid: 1 for an AI mask kept as produced, null for a reader-drawn one. */
  diceWithAi: number | null;
  /** Moved/resized AI masks: voxel counts in the label-map grid. */
  aiGridVoxels?: number;
  finalGridVoxels?: number;
}

function finalMaskOf(seg: SegReport | null, analysisId: number | null, findingId: string): FinalMaskEntry | null {
  const segment = seg?.segments.find((s) => s.finding === findingKey({ analysisId, findingId }));
  if (!segment) return null;
  const { mapping } = segment;
  return {
    segmentNumber: segment.number,
    algorithmType: segment.algorithmType,
    voxels: segment.voxels,
    diceWithAi: mapping ? mapping.dice : segment.algorithmType === 'MANUAL' ? null : 1,
    ...(mapping ? { aiGridVoxels: mapping.aiVoxels, finalGridVoxels: mapping.finalVoxels } : {}),
  };
}

function sourceFiles(db: Database, seriesUIDs: readonly string[]): string[] {
  const select = db.prepare<[string], { hash: string }>(
    'SELECT i.file_hash AS hash FROM instances i JOIN series s ON s.id = i.series_ref WHERE s.series_instance_uid = ? ORDER BY i.instance_number, i.id',
  );
  return seriesUIDs.flatMap((uid) => select.all(uid).map((r) => r.hash));
}

export async function exportFeedbackBundle(ctx: FeedbackExportContext, modelId: string, outDir: string): Promise<FeedbackManifest> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new AppError('CONFLICT', 'The output folder is not empty; choose an empty or new folder so no earlier bundle is overwritten.');
  }
  const studies = reviewedStudies(ctx.db, ctx.review, ctx.listAnalyses, modelId);
  if (studies.length === 0) throw new AppError('NOT_FOUND', `No reviewed study has an analysis of model "${modelId}"; review its findings first.`);
  mkdirSync(outDir, { recursive: true });
  const uids = new UidRemapper();
  const write = (relative: string, data: Uint8Array | string) => {
    const target = path.join(outDir, ...relative.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
    return relative;
  };
  const cases: FeedbackCaseManifest[] = [];
  for (const [n, study] of studies.entries()) {
    const name = `case-${String(n + 1).padStart(3, '0')}`;
    const files: string[] = [];
    const notes: string[] = [];
    const hashes = sourceFiles(ctx.db, [...new Set(study.analyses.map((a) => a.seriesInstanceUID))]);
    hashes.forEach((hash, i) => {
      const clean = deidentifyBytes(readFileSync(path.join(ctx.storeDir, storeRelativePath(hash))), uids);
      files.push(write(`${name}/images/IM${String(i + 1).padStart(6, '0')}.dcm`, clean.bytes));
    });
    const report = study.review.report;
    const segCtx = { report, db: ctx.db, dataDir: ctx.dataDir, storeDir: ctx.storeDir, modelId };
    const finalSeg = await attemptAsync(notes, 'Final segmentation', () => buildSegReport(segCtx));
    if (finalSeg) notes.push(...finalSeg.notes.map((n) => `Final segmentation: ${n}`));
    const objects: Array<[string, Uint8Array | null]> = [
      ['ai/seg.dcm', (await attemptAsync(notes, 'AI segmentation', () => buildSegReport({ ...segCtx, asProduced: true })))?.bytes ?? null],
      ['ai/sr.dcm', attempt(notes, 'AI measurement report', () => aiMeasurementReport(ctx, study))],
      ['final/seg.dcm', finalSeg?.bytes ?? null],
      ['final/sr.dcm', attempt(notes, 'Final measurement report', () => buildSrReport({ report, db: ctx.db, storeDir: ctx.storeDir }).bytes)],
    ];
    for (const [file, bytes] of objects) if (bytes) files.push(write(`${name}/${file}`, deidentifyBytes(bytes, uids).bytes));
    const dispositions = {
      case: name,
      modelId,
      reportStatus: study.review.status,
      findings: study.findings.filter((f) => f.modelId === modelId).map((f) => ({ ...f, finalMask: finalMaskOf(finalSeg, f.analysisId, f.findingId) })),
    };
    files.push(write(`${name}/dispositions.json`, `${JSON.stringify(dispositions, null, 2)}\n`));
    cases.push({ case: name, reportStatus: study.review.status, images: hashes.length, files, findings: dispositions.findings.length, notes });
  }
  const stats = foldFeedbackStats(studies.flatMap((s) => s.findings.filter((f) => f.modelId === modelId)));
  const manifest: FeedbackManifest = {
    format: 'yingdu-feedback-bundle/1',
    modelId,
    modelVersions: stats[0]?.versions ?? [],
    createdAt: new Date().toISOString(),
    software: `Yingdu ${APP_VERSION}`,
    deidentification: 'DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile; UIDs replaced consistently across the bundle; private attributes removed',
    cases,
  };
  write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
