// `reports:export` for the UI's "Export PDF": the same bytes `yingdu report export --format pdf`
// (or encapsulated-pdf) writes, returned to the renderer instead of written to a path.
import type { HandlerTable } from '../../../shared/handler-table';
import { structuredReportSchema } from '../../../shared/reports';
import type { DataLayout } from '../../app/data-dir';
import type { ReviewService } from '../../review/review-service';
import type { Database } from '../../store/database';
import { buildEncapsulatedReportPdf, buildStudyReportPdf } from './pdf-exporters';

export function createReportExportHandlers(deps: { db: Database; layout: DataLayout; review: ReviewService }): Pick<HandlerTable, 'reports:export'> {
  return {
    'reports:export': async ({ studyInstanceUID, lang, format }) => {
      const ctx = { report: structuredReportSchema.parse(deps.review.report(studyInstanceUID)), lang, db: deps.db, layout: deps.layout };
      if (format === 'pdf') {
        const { pdf } = await buildStudyReportPdf(ctx);
        return { fileName: `report-${lang}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') };
      }
      const { dicom } = await buildEncapsulatedReportPdf(ctx);
      return { fileName: `report-${lang}.dcm`, mimeType: 'application/dicom', base64: Buffer.from(dicom).toString('base64') };
    },
  };
}
