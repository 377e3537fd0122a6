// `yingdu report export --format pdf|encapsulated-pdf`: the current report as a PDF, and the same
// PDF bytes inside a DICOM Encapsulated PDF object of the study (PS3.3 A.45.1), so what a PACS
// files is exactly what the reader can print.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { APP_VERSION } from '../../app/version';
import { readValidatedDataset } from '../../dicom/dcmjs-dataset';
import { writeEncapsulatedPdf } from '../../dicom-objects/encapsulated-pdf-writer';
import { type NaturalDataset, naturalize } from '../../dicom-objects/natural-dataset';
import type { Database } from '../../store/database';
import { storeRelativePath } from '../../store/managed-store';
import { EXAM_TITLES } from '../templates/report-terms';
import type { ReportExportContext } from '../export/report-exporters';
import { renderKeyImages } from './key-images';
import { buildReportPdf } from './report-pdf';
import { loadReportFonts } from './report-font';

/** One image instance of the study, naturalized: patient and study attributes for the header and the DICOM wrapper. */
export function loadStudySource(db: Database, storeDir: string, studyInstanceUID: string): NaturalDataset {
  const row = db
    .prepare(
      `SELECT i.file_hash AS hash FROM instances i JOIN series s ON s.id = i.series_ref JOIN studies st ON st.id = s.study_ref
       WHERE st.study_instance_uid = ? ORDER BY i.image_position IS NULL, s.id, i.instance_number, i.id LIMIT 1`,
    )
    .get(studyInstanceUID) as { hash: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'The study has no instance in the data folder; import it before exporting its report as PDF.');
  return naturalize(readValidatedDataset(readFileSync(path.join(storeDir, storeRelativePath(row.hash)))).dict);
}

/** The report PDF bytes, and the study instance they were made from. */
export async function buildStudyReportPdf(ctx: Pick<ReportExportContext, 'report' | 'lang' | 'db' | 'layout'>): Promise<{ pdf: Uint8Array; studySource: NaturalDataset; notes: string[] }> {
  const fonts = loadReportFonts();
  const studySource = loadStudySource(ctx.db, ctx.layout.store, ctx.report.studyInstanceUID);
  const { images, notes } = await renderKeyImages(ctx.db, ctx.layout.store, ctx.report);
  const pdf = await buildReportPdf({ report: ctx.report, lang: ctx.lang, studySource, keyImages: images, fonts, softwareVersion: APP_VERSION });
  return { pdf, studySource, notes };
}

export async function buildEncapsulatedReportPdf(ctx: Pick<ReportExportContext, 'report' | 'lang' | 'db' | 'layout'>): Promise<{ dicom: Uint8Array; pdf: Uint8Array }> {
  const { pdf, studySource } = await buildStudyReportPdf(ctx);
  const written = writeEncapsulatedPdf({ pdf, studySource, title: EXAM_TITLES[ctx.report.examType][ctx.lang], softwareVersion: APP_VERSION });
  return { dicom: written.bytes, pdf };
}
