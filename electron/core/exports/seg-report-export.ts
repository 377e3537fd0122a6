// `yingdu report export --format seg`: the study's masks as the physician left them, as one binary
// DICOM Segmentation (PS3.3 A.51) on the source series. A label that belongs to a finding is
// exported only if the finding was kept (accepted or edited); rejected and still pending findings'
// labels are left out, and labels no finding owns (organ masks, volumetry structures) go as the
// model made them. Segment Algorithm Type (PS3.3 C.8.20.2.3) says who made each mask:
//   - AUTOMATIC: the AI mask exactly as produced (accepted findings; edited ones whose centre and
//     bounds the reader left alone; everything in the "as produced" export);
//   - SEMIAUTOMATIC: an AI mask the reader moved or resized — the model's shape carried onto the
//     reader's box by the rule in reviewed-mask-mapping.ts (a calculated segment with user
//     assistance, so the model stays named as its algorithm);
//   - MANUAL: a finding the reader added, rasterized from the drawing (drawn-finding-mask.ts).
// Segment Description says the same in words. Analysis outputs are NIfTI on the source series'
// volume grid: each source slice (SOP instance) is mapped into that grid by its own Image Position /
// Orientation (PS3.3 C.7.6.2), so frame k of the SEG derives from exactly the instance that lies at
// the grid's slice k.
import { type AnalysisResult, bulkAnalysisPath, type Finding } from '../../shared/ai-results';
import { findingKey, type ReportFinding, type StructuredReport } from '../../shared/reports';
import { AppError } from '../../shared/result';
import { APP_VERSION } from '../app/version';
import { type SegmentAlgorithm, type SegmentInput, writeSegmentation, type WrittenObject } from '../dicom-objects/seg-writer';
import type { NaturalDataset } from '../dicom-objects/natural-dataset';
import { resolveAnalysisVolume } from '../inference/jobs/analysis-bulk';
import { createAnalysisStore, type OutputGrid } from '../inference/jobs/analysis-store';
import type { Database } from '../store/database';
import { rasterizeDrawnFinding } from './drawn-finding-mask';
import { componentBox, continuousIndex, gridDisplacement, mapComponent, reviewedAffine, type Vec3 } from './reviewed-mask-mapping';
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

/** What became of one segment, for the caller (the feedback bundle's dispositions, the export's notes). */
export interface ExportedSegment {
  number: number;
  label: string;
  algorithmType: SegmentAlgorithm['type'];
  /** findingKey() of the reviewed finding the segment stands for; absent for labels no finding owns. */
  finding?: string;
  /** Voxels of the segment on the source images. */
  voxels: number;
  /** Moved/resized AI masks: the AI component's and the mapped component's voxels in the label-map grid, and their Dice. */
  mapping?: { aiVoxels: number; finalVoxels: number; dice: number };
}

export interface SegReport extends WrittenObject {
  segments: ExportedSegment[];
}

const KEPT = new Set(['accepted', 'edited']);
/** A source slice further than this (in grid voxels) from a grid slice is not on the grid. */
const ON_GRID_TOLERANCE = 0.1;
/** Reader-drawn segments' display colour (RGB), apart from the models' label colours. */
const DRAWN_COLOR = [64, 160, 255] as const;

/** One segment to write: which label of which output volume (or a mapped mask in its grid), under whose name. */
interface PlannedSegment {
  output: number;
  labelValue: number;
  label: string;
  description: string;
  color?: readonly [number, number, number];
  algorithm: SegmentAlgorithm;
  finding?: { key: string; ai: Finding; reviewed?: ReportFinding };
  /** Set once the label map is read: the AI component carried onto the reader's box, in the output grid. */
  mapped?: { mask: Uint8Array; aiVoxels: number; finalVoxels: number; dice: number };
}

/** Kept findings' labels and unowned labels of every label map of `analysis`. */
function planSegments(analysis: AnalysisResult, report: StructuredReport, asProduced: boolean): PlannedSegment[] {
  const reviewed = new Map(report.findings.filter((f) => f.ref.analysisId === analysis.analysisId).map((f) => [f.ref.findingId, f]));
  const owner = new Map<number, Finding>();
  for (const f of analysis.findings) if (f.labelValue !== undefined) owner.set(f.labelValue, f);
  const model = `${analysis.model.id} ${analysis.model.version}`;
  const planned: PlannedSegment[] = [];
  analysis.outputs.forEach((output, index) => {
    if (output.kind !== 'labelmap') return;
    for (const [value, described] of Object.entries(output.labels ?? {})) {
      const labelValue = Number(value);
      if (labelValue === 0) continue;
      const finding = owner.get(labelValue);
      const review = finding && !asProduced ? reviewed.get(finding.id) : undefined;
      if (finding && !asProduced && !KEPT.has(review?.disposition ?? 'pending')) continue;
      const key = finding ? findingKey({ analysisId: analysis.analysisId, findingId: finding.id }) : undefined;
      planned.push({
        output: index,
        labelValue,
        label: finding ? `${finding.label} ${finding.id}` : described.key,
        description: !finding
          ? `AI mask as produced by ${model} (label "${described.key}", not a reviewable finding)`
          : asProduced
            ? `AI mask as produced by ${model}`
            : review?.disposition === 'edited'
              ? `AI mask as produced by ${model}; the physician edited the finding's values, not its position or extent`
              : `AI mask as produced by ${model}, accepted by the physician`,
        color: described.color,
        algorithm: { type: 'AUTOMATIC', name: analysis.model.id, version: analysis.model.version },
        ...(finding && key ? { finding: { key, ai: finding, ...(review ? { reviewed: review } : {}) } } : {}),
      });
    }
  });
  return planned;
}

/** Edited findings whose centre or bounds the reader changed: their AI component carried onto the reader's box (in place). */
function mapEditedMasks(planned: PlannedSegment[], outputs: Array<{ grid: OutputGrid; voxels: ArrayLike<number> }>): void {
  for (const p of planned) {
    const reviewed = p.finding?.reviewed;
    if (reviewed?.disposition !== 'edited') continue;
    const { grid, voxels } = outputs[p.output]!;
    const component = componentBox(voxels, grid.dimensions, p.labelValue);
    if (!component) continue;
    const geometry = { ai: p.finding!.ai, current: reviewed.values };
    const affine = reviewedAffine(grid, geometry, component);
    if (!affine) continue;
    const mapped = mapComponent(voxels, grid.dimensions, p.labelValue, affine, component);
    p.mapped = { mask: mapped.mask, aiVoxels: component.count, finalVoxels: mapped.voxels, dice: mapped.dice };
    p.algorithm = { ...p.algorithm, type: 'SEMIAUTOMATIC' };
    p.description =
      `AI mask of ${p.algorithm.name} ${p.algorithm.version} moved/resized by the physician: the AI box mapped onto the physician's box ` +
      '(axis-aligned affine in the label-map voxel grid, nearest neighbour, clipped to the grid)';
  }
}

/**
 * For each source slice, the grid voxel index of its pixel (row, column) is base + column·colStep +
 * row·rowStep (all in continuous grid coordinates). Throws when a slice is not one of the grid's.
 */
export function sliceToGrid(source: NaturalDataset, grid: Pick<OutputGrid, 'origin' | 'direction' | 'spacing' | 'dimensions'>): { base: Vec3; colStep: Vec3; rowStep: Vec3 } {
  const iop = (source.ImageOrientationPatient as number[]).map(Number);
  const [rowSpacing, colSpacing] = (source.PixelSpacing as number[]).map(Number) as [number, number];
  const position = (source.ImagePositionPatient as number[]).map(Number);
  const base = continuousIndex(grid, position);
  if (Math.abs(base[2] - Math.round(base[2])) > ON_GRID_TOLERANCE || base[2] < -0.5 || base[2] > grid.dimensions[2] - 0.5) {
    throw new AppError('NOT_A_VOLUME', 'A slice of the source series does not lie on the AI output grid (resampled series); the masks cannot be written as a segmentation of its images.');
  }
  return { base, colStep: gridDisplacement(grid, iop.slice(0, 3).map((x) => x * colSpacing)), rowStep: gridDisplacement(grid, iop.slice(3, 6).map((x) => x * rowSpacing)) };
}

/** Nearest-neighbour resampling of every planned label (or mapped mask) onto the source slices, all segments in one pass per output. */
function masksOnSources(sources: NaturalDataset[], planned: PlannedSegment[], outputs: Array<{ grid: OutputGrid; voxels: ArrayLike<number> }>): Uint8Array[] {
  const rows = Number(sources[0]!.Rows);
  const cols = Number(sources[0]!.Columns);
  const perSlice = rows * cols;
  const masks = planned.map(() => new Uint8Array(perSlice * sources.length));
  outputs.forEach(({ grid, voxels }, outputIndex) => {
    const lookup = new Map<number, Uint8Array>();
    const mapped: Array<{ grid: Uint8Array; out: Uint8Array }> = [];
    planned.forEach((p, i) => {
      if (p.output !== outputIndex) return;
      if (p.mapped) mapped.push({ grid: p.mapped.mask, out: masks[i]! });
      else lookup.set(p.labelValue, masks[i]!);
    });
    if (lookup.size === 0 && mapped.length === 0) return;
    const [nx, ny, nz] = grid.dimensions;
    sources.forEach((source, s) => {
      const { base, colStep, rowStep } = sliceToGrid(source, grid);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = Math.round(base[0] + c * colStep[0] + r * rowStep[0]);
          const j = Math.round(base[1] + c * colStep[1] + r * rowStep[1]);
          const k = Math.round(base[2] + c * colStep[2] + r * rowStep[2]);
          if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
          const at = i + nx * (j + ny * k);
          const pixel = s * perSlice + r * cols + c;
          const mask = lookup.get(voxels[at]!);
          if (mask) mask[pixel] = 1;
          for (const m of mapped) if (m.grid[at]) m.out[pixel] = 1;
        }
      }
    });
  });
  return masks;
}

function largestImageSeries(db: Database, studyInstanceUID: string): string {
  const row = db
    .prepare<[string], { uid: string }>(
      `SELECT s.series_instance_uid AS uid FROM series s JOIN studies st ON st.id = s.study_ref
       JOIN instances i ON i.series_ref = s.id WHERE st.study_instance_uid = ? AND i.image_position IS NOT NULL
       GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get(studyInstanceUID);
  if (!row) throw new AppError('NOT_FOUND', 'The study has no image series with patient geometry (e.g. only radiographs) to draw a segmentation on.');
  return row.uid;
}

const count = (mask: Uint8Array) => mask.reduce((n, v) => n + (v ? 1 : 0), 0);

/** The reader's added findings as MANUAL segments; those that cannot be placed are noted, never fatal. */
function drawnSegments(report: StructuredReport, sources: NaturalDataset[], notes: string[]): Array<SegmentInput & { finding: string; voxels: number }> {
  const segments: Array<SegmentInput & { finding: string; voxels: number }> = [];
  for (const f of report.findings) {
    if (f.disposition !== 'added') continue;
    const label = `${f.values.label ?? f.label} ${f.ref.findingId}`;
    const drawn = rasterizeDrawnFinding(sources, f.values);
    if ('reason' in drawn) {
      notes.push(`Added finding "${label}" is not in the segmentation: ${drawn.reason}.`);
      continue;
    }
    const shape = f.values.shape === 'ellipse' ? 'the ellipse (ellipsoid) inscribed in the drawn box' : 'the drawn box';
    segments.push({
      label,
      description: `Drawn by the physician (finding added in review): ${shape}`,
      color: DRAWN_COLOR,
      algorithm: { type: 'MANUAL', name: '', version: '' },
      mask: drawn.mask,
      finding: findingKey(f.ref),
      voxels: drawn.voxels,
    });
  }
  return segments;
}

/** The SEG of the study's kept label maps and drawn findings; the analyses on the first series that has label maps. */
export async function buildSegReport(ctx: SegExportContext): Promise<SegReport> {
  const store = createAnalysisStore(ctx.db);
  const analyses = store.list({ studyInstanceUID: ctx.report.studyInstanceUID }).filter(
    (a) => a.outputs.some((o) => o.kind === 'labelmap') && a.provider !== 'dicom-import' && (ctx.modelId === undefined || a.model.id === ctx.modelId),
  );
  const drawings = ctx.asProduced ? [] : ctx.report.findings.filter((f) => f.disposition === 'added');
  if (analyses.length === 0 && drawings.length === 0) {
    throw new AppError('NOT_FOUND', 'The study has no AI label maps and no drawn findings to export as a segmentation; run a segmentation model or draw the finding first.');
  }
  // Without label maps, the drawings go on the study's largest series with patient geometry.
  const series = analyses.length > 0 ? analyses[analyses.length - 1]!.seriesInstanceUID : largestImageSeries(ctx.db, ctx.report.studyInstanceUID);
  const onSeries = analyses.filter((a) => a.seriesInstanceUID === series);
  const sources = loadSeriesHeaders(ctx.db, ctx.storeDir, series);
  const segments: SegmentInput[] = [];
  const summaries: Array<Omit<ExportedSegment, 'number'>> = [];
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
    mapEditedMasks(planned, outputs);
    const masks = masksOnSources(sources, planned, outputs);
    planned.forEach((p, i) => {
      const mask = masks[i]!;
      summaries.push({
        label: p.label,
        algorithmType: p.algorithm.type,
        voxels: count(mask),
        ...(p.finding ? { finding: p.finding.key } : {}),
        ...(p.mapped ? { mapping: { aiVoxels: p.mapped.aiVoxels, finalVoxels: p.mapped.finalVoxels, dice: p.mapped.dice } } : {}),
      });
      segments.push({ label: p.label, description: p.description, algorithm: p.algorithm, mask, ...(p.color ? { color: p.color } : {}) });
    });
  }
  if (!ctx.asProduced) {
    for (const { finding, voxels, ...segment } of drawnSegments(ctx.report, sources, notes)) {
      segments.push(segment);
      summaries.push({ label: segment.label, algorithmType: 'MANUAL', finding, voxels });
    }
  }
  if (segments.length === 0) {
    const why = analyses.length > 0 ? 'Every AI mask of the study belongs to a rejected or undecided finding' : 'No drawn finding of the study could be placed on its images';
    throw new AppError('NOT_FOUND', [`${why}; there is nothing to export as a segmentation.`, ...notes].join(' '));
  }
  const finalSignature = ctx.asProduced ? undefined : [...ctx.report.signatures].reverse().find((s) => s.status === 'final' || s.status === 'addendum');
  const written = writeSegmentation({
    sources,
    segments,
    seriesDescription: ctx.asProduced ? 'AI segmentation as produced' : 'AI segmentation, physician reviewed',
    ...(finalSignature ? { creatorName: finalSignature.reader.name } : {}),
    softwareVersion: APP_VERSION,
  });
  return { ...written, notes: [...notes, ...written.notes], segments: summaries.map((s, i) => ({ number: i + 1, ...s })) };
}
