// What the validating parser extracts from one DICOM file: everything the database, the
// worklist and the volume builder need, decoded (Specific Character Set applied), typed.
// The import pipeline stores exactly this; the parser is the only producer.

export interface ParsedPersonName {
  /** Display string: alphabetic component, with ideographic / phonetic ones when present. */
  display: string;
  alphabetic: string;
  ideographic: string;
  phonetic: string;
}

export interface ParsedInstance {
  // File meta / identity (PS3.10)
  transferSyntaxUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
  /** True when the file had no preamble / meta header and the syntax was inferred (as dcmtk does). */
  inferredTransferSyntax: boolean;
  specificCharacterSet: string[];

  // Patient
  patientName: ParsedPersonName;
  patientID: string;
  issuerOfPatientID: string;
  patientBirthDate: string;
  patientSex: string;

  // Study
  studyInstanceUID: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  studyID: string;
  accessionNumber: string;
  referringPhysicianName: string;
  institutionName: string;

  // Series
  seriesInstanceUID: string;
  modality: string;
  seriesNumber: number | null;
  seriesDescription: string;
  bodyPartExamined: string;
  frameOfReferenceUID: string;
  manufacturer: string;

  // Instance / image
  instanceNumber: number | null;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number | null;
  bitsAllocated: number | null;
  samplesPerPixel: number | null;
  photometricInterpretation: string;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
  pixelSpacing: number[] | null;
  sliceThickness: number | null;
  sliceLocation: number | null;
  /** True when the object carries Pixel Data / Float Pixel Data (an image); false for SR, SEG-less KOS, PDF… */
  hasPixelData: boolean;
}
