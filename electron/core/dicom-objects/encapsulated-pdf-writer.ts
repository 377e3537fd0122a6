// DICOM Encapsulated PDF (PS3.3 A.45.1): the report PDF inside a DICOM object of the study, so a
// PACS files it with the images. The PDF bytes are carried unchanged (padded to even length with
// one NUL as PS3.3 C.24.2.1 allows; Encapsulated Document Length says the true length).
import { AppError } from '../../shared/result';
import { code, denaturalize, type NaturalDataset, newDerivedInstance } from './natural-dataset';
import { fileMeta, writePart10 } from './part10-writer';
import type { WrittenObject } from './seg-writer';

export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

export interface EncapsulatedPdfInput {
  pdf: Uint8Array;
  /** One image of the study (naturalized): patient and study attributes come from it. */
  studySource: NaturalDataset;
  title: string;
  softwareVersion: string;
  now?: Date;
}

export function writeEncapsulatedPdf(input: EncapsulatedPdfInput): WrittenObject {
  if (Buffer.from(input.pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new AppError('INVALID_ARGUMENT', 'The document to encapsulate is not a PDF (it does not start with "%PDF-").');
  // Encapsulated Document Series (C.24.1).
  const { header, sopInstanceUID, seriesInstanceUID, date, time } = newDerivedInstance(input.studySource, {
    sopClassUID: ENCAPSULATED_PDF_STORAGE,
    modality: 'DOC',
    seriesNumber: 902,
    softwareVersion: input.softwareVersion,
    now: input.now,
  });
  const padded = new Uint8Array(input.pdf.length + (input.pdf.length % 2));
  padded.set(input.pdf);
  const dataset: NaturalDataset = {
    ...header,
    // SC Equipment (C.8.6.1: SYN = synthetic image).
    ConversionType: 'SYN',
    // Encapsulated Document (C.24.2).
    AcquisitionDateTime: `${date}${time}`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: input.title.slice(0, 1024),
    ConceptNameCodeSequence: [code('18748-4', 'LN', 'Diagnostic imaging report')],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: [padded.buffer],
    EncapsulatedDocumentLength: input.pdf.length,
    _vrMap: { EncapsulatedDocument: 'OB' },
  };
  const bytes = writePart10(fileMeta(ENCAPSULATED_PDF_STORAGE, sopInstanceUID, '1.2.840.10008.1.2.1'), denaturalize(dataset));
  return { bytes, sopInstanceUID, seriesInstanceUID, notes: [] };
}
