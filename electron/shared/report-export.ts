// `reports:export`: the current report of a study as a PDF or DICOM Encapsulated PDF, returned as
// bytes (base64, since requests travel as JSON over IPC and the web host's WebSocket) so the
// renderer saves it the same way in both hosts: a browser download, which Electron turns into
// its save dialog.
import { z } from 'zod';
import { uidSchema } from './studies';

export const REPORT_DOCUMENT_FORMATS = ['pdf', 'encapsulated-pdf'] as const;

export const exportReportDocumentSchema = z
  .object({ studyInstanceUID: uidSchema, lang: z.enum(['zh-CN', 'en']), format: z.enum(REPORT_DOCUMENT_FORMATS) })
  .strict();

export interface ReportDocument {
  /** A suggested file name made from the report's language and format only (no patient data). */
  fileName: string;
  mimeType: 'application/pdf' | 'application/dicom';
  base64: string;
}
