// `yingdu report export --format F`: one exporter per format, looked up in this table. The text
// and JSON forms live here; the DICOM and PDF forms (pdf, encapsulated-pdf, sr, seg) register
// themselves in REPORT_EXPORTERS with the same interface.
import { renameSync, writeFileSync } from 'node:fs';
import { structuredReportSchema, type StructuredReport } from '../../../shared/reports';
import { AppError } from '../../../shared/result';
import type { DataLayout } from '../../app/data-dir';
import type { ReviewService } from '../../review/review-service';
import type { Database } from '../../store/database';
import { renderReportText } from '../templates/report-text';
import { exportSrReport } from '../../exports/sr-report-export';
import { buildSegReport } from '../../exports/seg-report-export';
import { buildEncapsulatedReportPdf, buildStudyReportPdf } from '../pdf/pdf-exporters';
import type { ReportLanguage } from '../templates/report-terms';

export interface ReportExportContext {
  studyInstanceUID: string;
  /** The current structured report (validated against the schema before any exporter runs). */
  report: StructuredReport;
  lang: ReportLanguage;
  /** Destination file chosen by the user (a path from the command line, never from a DICOM value). */
  out: string;
  db: Database;
  layout: DataLayout;
  review: ReviewService;
}

export interface ReportExporter {
  description: string;
  /** `notes`: what the reader of the export should know (e.g. an added finding that could not be drawn into the SEG). */
  write(ctx: ReportExportContext): Promise<{ path: string; bytes: number; notes?: string[] }>;
}

/** Writes next to the destination and renames, so a failed export never leaves half a file. */
export function writeFileAtomically(path: string, data: string | Uint8Array): { path: string; bytes: number } {
  const temp = `${path}.part-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, path);
  return { path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength };
}

export const REPORT_EXPORTERS: Record<string, ReportExporter> = {
  text: {
    description: 'the report as UTF-8 text in the chosen language',
    write: async (ctx) => writeFileAtomically(ctx.out, renderReportText(ctx.report, ctx.lang)),
  },
  json: {
    description: 'the structured report JSON (schema: electron/shared/reports.ts)',
    write: async (ctx) => writeFileAtomically(ctx.out, `${JSON.stringify(ctx.report, null, 2)}\n`),
  },
  sr: {
    description: 'DICOM SR, TID 1500 measurement report of the reported findings (Comprehensive 3D SR)',
    write: async (ctx) => exportSrReport({ report: ctx.report, db: ctx.db, storeDir: ctx.layout.store, out: ctx.out }),
  },
  seg: {
    description: 'DICOM Segmentation of the masks as reviewed: kept AI masks (moved/resized ones follow the physician box), drawn additions; rejected and undecided findings left out',
    write: async (ctx) => {
      const seg = await buildSegReport({ report: ctx.report, db: ctx.db, dataDir: ctx.layout.root, storeDir: ctx.layout.store });
      return { ...writeFileAtomically(ctx.out, seg.bytes), notes: seg.notes };
    },
  },
  pdf: {
    description: 'the report as PDF in the chosen language (embedded CJK font subset, key images with the finding boxes)',
    write: async (ctx) => writeFileAtomically(ctx.out, (await buildStudyReportPdf(ctx)).pdf),
  },
  'encapsulated-pdf': {
    description: 'DICOM Encapsulated PDF of the study carrying the same PDF bytes as --format pdf',
    write: async (ctx) => writeFileAtomically(ctx.out, (await buildEncapsulatedReportPdf(ctx)).dicom),
  },
};

export async function exportReport(format: string, ctx: Omit<ReportExportContext, 'report'>): Promise<{ path: string; bytes: number; format: string; notes?: string[] }> {
  const exporter = REPORT_EXPORTERS[format];
  if (!exporter) {
    throw new AppError('INVALID_ARGUMENT', `Unknown report format "${format}". Available: ${Object.keys(REPORT_EXPORTERS).join(', ')}.`);
  }
  const report = structuredReportSchema.parse(ctx.review.report(ctx.studyInstanceUID));
  return { ...(await exporter.write({ ...ctx, report })), format };
}
