// `yingdu report export --format seg`: the study's AI label maps as the physician left them, as one
// binary DICOM Segmentation (PS3.3 A.51) on the source series. A label that belongs to a finding is
// exported only if the finding was kept (accepted or edited); rejected and still pending findings'
// labels are left out, and labels no finding owns (organ masks, volumetry structures) go as the
// model made them. Analysis outputs are NIfTI on the source series' volume grid: each source slice
// (SOP instance) is mapped into that grid by its own Image Position / Orientation (PS3.3 C.7.6.2),
// so frame k of the SEG derives from exactly the instance that lies at the grid's slice k.
import { type AnalysisResult, bulkAnalysisPath } from '../../shared/ai-results';
import type { StructuredReport } from '../../shared/reports';
import { AppError } from '../../shared/result';
import { APP_VERSION } from '../app/version';
import { type SegmentAlgorithm, type SegmentInput, writeSegmentation, type WrittenObject } from '../dicom-objects/seg-writer';
import type { NaturalDataset } from '../dicom-objects/natural-dataset';
import { resolveAnalysisVolume } from '../inference/jobs/analysis-bulk';
import { createAnalysisStore, type OutputGrid } from '../inference/jobs/analysis-store';
import type { Database } from '../store/database';
import { loadSeriesHeaders } from './sr-report-export';

export interface SegExportContext {
  report: StructuredReport;
  db: Database;
  dataDir: string;
  storeDir: string;
  /** Only this model's analyses (the feedback bundle); every model's when absent. */
  modelId?: string;
  /** Every label as the model made it, ignoring the review (the feedback bundle's "AI output"). */
  asProduced?: boolean;
}

type Vec3 = [number, number, number];
const KEPT = new Set(['accepted', 'edited']);
/** A source slice further than this (in grid voxels) from a grid slice is not on the grid. */
const ON_GRID_TOLERANCE = 0.1;

const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/** One segment to write: which label of which output volume, under whose name. */
interface PlannedSegment {
  output: number;
  labelValue: number;
  label: string;
  color?: readonly [number, number, number];
  algorithm: SegmentAlgorithm;
}

/** Kept findings' labels and unowned labels of every label map of `analysis`. */
function planSegments(analysis: AnalysisResult, report: StructuredReport, asProduced: boolean): PlannedSegment[] {
  const disposition = new Map(report.findings.filter((f) => f.ref.analysisId === analysis.analysisId).map((f) => [f.ref.findingId, f.disposition]));
  const owner = new Map<number, { id: string; label: string }>();
  for (const f of analysis.findings) if (f.labelValue !== undefined) owner.set(f.labelValue, { id: f.id, label: f.label });
  const planned: PlannedSegment[] = [];
  analysis.outputs.forEach((output, index) => {
    if (output.kind !== 'labelmap') return;
    for (const [value, described] of Object.entries(output.labels ?? {})) {
      const labelValue = Number(value);
      if (labelValue === 0) continue;
      const finding = owner.get(labelValue);
      const state = finding && !asProduced ? disposition.get(finding.id) : undefined;
      if (finding && !asProduced && !KEPT.has(state ?? 'pending')) continue;
      planned.push({
        output: index,
        labelValue,
        label: finding ? `${finding.label} ${finding.id}` : described.key,
        color: described.color,
        // An edited finding's mask is still the model's, kept under the physician's changed values.
        algorithm: { type: state === 'edited' ? 'SEMIAUTOMATIC' : 'AUTOMATIC', name: analysis.model.id, version: analysis.model.version },
      });
    }
  });
  return planned;
}

/**
 * For each source slice, the grid voxel index of its pixel (row, column) is base + column·colStep +
 * row·rowStep (all in continuous grid coordinates). Throws when a slice is not one of the grid's.
 */
export function sliceToGrid(source: NaturalDataset, grid: Pick<OutputGrid, 'origin' | 'direction' | 'spacing' | 'dimensions'>): { base: Vec3; colStep: Vec3; rowStep: Vec3 } {
  const iop = (source.ImageOrientationPatient as number[]).map(Number);
  const [rowSpacing, colSpacing] = (source.PixelSpacing as number[]).map(Number) as [number, number];
  const position = (source.ImagePositionPatient as number[]).map(Number);
  const toGrid = (v: readonly number[], isPoint: boolean): Vec3 => {
    const d = isPoint ? v.map((x, k) => x - grid.origin[k]!) : v;
    return [0, 1, 2].map((axis) => dot(d, grid.direction[axis]!) / grid.spacing[axis]!) as Vec3;
  };
  const base = toGrid(position, true);
  if (Math.abs(base[2] - Math.round(base[2])) > ON_GRID_TOLERANCE || base[2] < -0.5 || base[2] > grid.dimensions[2] - 0.5) {
    throw new AppError('NOT_A_VOLUME', 'A slice of the source series does not lie on the AI output grid (resampled series); the masks cannot be written as a segmentation of its images.');
  }
  return { base, colStep: toGrid(iop.slice(0, 3).map((x) => x * colSpacing), false), rowStep: toGrid(iop.slice(3, 6).map((x) => x * rowSpacing), false) };
}

/** Nearest-neighbour resampling of every planned label onto the source slices, all segments in one pass per output. */
function masksOnSources(sources: NaturalDataset[], planned: PlannedSegment[], outputs: Array<{ grid: OutputGrid; voxels: ArrayLike<number> }>): Uint8Array[] {
  const rows = Number(sources[0]!.Rows);
  const cols = Number(sources[0]!.Columns);
  const perSlice = rows * cols;
  const masks = planned.map(() => new Uint8Array(perSlice * sources.length));
  outputs.forEach(({ grid, voxels }, outputIndex) => {
    const lookup = new Map<number, Uint8Array>();
    planned.forEach((p, i) => p.output === outputIndex && lookup.set(p.labelValue, masks[i]!));
    if (lookup.size === 0) return;
    const [nx, ny, nz] = grid.dimensions;
    sources.forEach((source, s) => {
      const { base, colStep, rowStep } = sliceToGrid(source, grid);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = Math.round(base[0] + c * colStep[0] + r * rowStep[0]);
          const j = Math.round(base[1] + c * colStep[1] + r * rowStep[1]);
          const k = Math.round(base[2] + c * colStep[2] + r * rowStep[2]);
          if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
          const mask = lookup.get(voxels[i + nx * (j + ny * k)]!);
          if (mask) mask[s * perSlice + r * cols + c] = 1;
        }
      }
    });
  });
  return masks;
}

/** The SEG of the study's kept label maps; the analyses on the first series that has label maps. */
export async function buildSegReport(ctx: SegExportContext): Promise<WrittenObject> {
  const store = createAnalysisStore(ctx.db);
  const analyses = store.list({ studyInstanceUID: ctx.report.studyInstanceUID }).filter(
    (a) => a.outputs.some((o) => o.kind === 'labelmap') && a.provider !== 'dicom-import' && (ctx.modelId === undefined || a.model.id === ctx.modelId),
  );
  if (analyses.length === 0) throw new AppError('NOT_FOUND', 'The study has no AI label maps to export as a segmentation; run a segmentation model first.');
  const series = analyses[analyses.length - 1]!.seriesInstanceUID;
  const onSeries = analyses.filter((a) => a.seriesInstanceUID === series);
  const sources = loadSeriesHeaders(ctx.db, ctx.storeDir, series);
  const segments: SegmentInput[] = [];
  const notes: string[] = [];
  if (onSeries.length < analyses.length) notes.push('Label maps on other series of the study are not in this segmentation.');
  for (const analysis of onSeries) {
    const planned = planSegments(analysis, ctx.report, ctx.asProduced ?? false);
    // The bulk route's reader: checks the file against its recorded grid and undoes the NIfTI row order.
    const outputs = await Promise.all(
      analysis.outputs.map((_, index) =>
        planned.some((p) => p.output === index)
          ? resolveAnalysisVolume(store, ctx.dataDir, bulkAnalysisPath(analysis.analysisId, index))
          : { grid: store.grid(analysis.analysisId, index)!, voxels: new Uint8Array(0) },
      ),
    );
    const masks = masksOnSources(sources, planned, outputs);
    planned.forEach((p, i) => segments.push({ label: p.label, algorithm: p.algorithm, mask: masks[i]!, ...(p.color ? { color: p.color } : {}) }));
  }
  if (segments.length === 0) throw new AppError('NOT_FOUND', 'Every AI mask of the study belongs to a rejected or undecided finding; there is nothing to export as a segmentation.');
  const finalSignature = ctx.asProduced ? undefined : [...ctx.report.signatures].reverse().find((s) => s.status === 'final' || s.status === 'addendum');
  const written = writeSegmentation({
    sources,
    segments,
    seriesDescription: ctx.asProduced ? 'AI segmentation as produced' : 'AI segmentation, physician reviewed',
    ...(finalSignature ? { creatorName: finalSignature.reader.name } : {}),
    softwareVersion: APP_VERSION,
  });
  return { ...written, notes: [...notes, ...written.notes] };
}
