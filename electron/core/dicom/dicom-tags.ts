// The tags the parser reads, as 32-bit numbers (group << 16 | element), with the VR each has in
// the data dictionary (PS3.6 Table 6-1) so that Implicit VR files decode them the same way.

export const tagNumber = (group: number, element: number): number => ((group << 16) | element) >>> 0;

/** "(0028,0010)" — how dcmtk and the standard print a tag; safe to log (never PHI). */
export function formatTag(tag: number): string {
  const hex = tag.toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

export const TAG = {
  ITEM: tagNumber(0xfffe, 0xe000),
  ITEM_DELIMITATION: tagNumber(0xfffe, 0xe00d),
  SEQUENCE_DELIMITATION: tagNumber(0xfffe, 0xe0dd),

  FileMetaInformationGroupLength: tagNumber(0x0002, 0x0000),
  MediaStorageSOPClassUID: tagNumber(0x0002, 0x0002),
  MediaStorageSOPInstanceUID: tagNumber(0x0002, 0x0003),
  TransferSyntaxUID: tagNumber(0x0002, 0x0010),

  SpecificCharacterSet: tagNumber(0x0008, 0x0005),
  SOPClassUID: tagNumber(0x0008, 0x0016),
  SOPInstanceUID: tagNumber(0x0008, 0x0018),
  StudyDate: tagNumber(0x0008, 0x0020),
  StudyTime: tagNumber(0x0008, 0x0030),
  AccessionNumber: tagNumber(0x0008, 0x0050),
  Modality: tagNumber(0x0008, 0x0060),
  Manufacturer: tagNumber(0x0008, 0x0070),
  InstitutionName: tagNumber(0x0008, 0x0080),
  ReferringPhysicianName: tagNumber(0x0008, 0x0090),
  StudyDescription: tagNumber(0x0008, 0x1030),
  SeriesDescription: tagNumber(0x0008, 0x103e),

  PatientName: tagNumber(0x0010, 0x0010),
  PatientID: tagNumber(0x0010, 0x0020),
  IssuerOfPatientID: tagNumber(0x0010, 0x0021),
  PatientBirthDate: tagNumber(0x0010, 0x0030),
  PatientSex: tagNumber(0x0010, 0x0040),

  BodyPartExamined: tagNumber(0x0018, 0x0015),
  SliceThickness: tagNumber(0x0018, 0x0050),

  StudyInstanceUID: tagNumber(0x0020, 0x000d),
  SeriesInstanceUID: tagNumber(0x0020, 0x000e),
  StudyID: tagNumber(0x0020, 0x0010),
  SeriesNumber: tagNumber(0x0020, 0x0011),
  InstanceNumber: tagNumber(0x0020, 0x0013),
  ImagePositionPatient: tagNumber(0x0020, 0x0032),
  ImageOrientationPatient: tagNumber(0x0020, 0x0037),
  FrameOfReferenceUID: tagNumber(0x0020, 0x0052),
  SliceLocation: tagNumber(0x0020, 0x1041),
  PlanePositionSequence: tagNumber(0x0020, 0x9113),
  PlaneOrientationSequence: tagNumber(0x0020, 0x9116),

  SamplesPerPixel: tagNumber(0x0028, 0x0002),
  PhotometricInterpretation: tagNumber(0x0028, 0x0004),
  NumberOfFrames: tagNumber(0x0028, 0x0008),
  Rows: tagNumber(0x0028, 0x0010),
  Columns: tagNumber(0x0028, 0x0011),
  PixelSpacing: tagNumber(0x0028, 0x0030),
  BitsAllocated: tagNumber(0x0028, 0x0100),
  PixelMeasuresSequence: tagNumber(0x0028, 0x9110),

  SharedFunctionalGroupsSequence: tagNumber(0x5200, 0x9229),
  PerFrameFunctionalGroupsSequence: tagNumber(0x5200, 0x9230),

  FloatPixelData: tagNumber(0x7fe0, 0x0008),
  DoubleFloatPixelData: tagNumber(0x7fe0, 0x0009),
  PixelData: tagNumber(0x7fe0, 0x0010),
} as const;

/** Data dictionary VRs of the tags above (Implicit VR files carry no VR on the wire). */
export const DICTIONARY_VR: ReadonlyMap<number, string> = new Map([
  [TAG.FileMetaInformationGroupLength, 'UL'],
  [TAG.MediaStorageSOPClassUID, 'UI'],
  [TAG.MediaStorageSOPInstanceUID, 'UI'],
  [TAG.TransferSyntaxUID, 'UI'],
  [TAG.SpecificCharacterSet, 'CS'],
  [TAG.SOPClassUID, 'UI'],
  [TAG.SOPInstanceUID, 'UI'],
  [TAG.StudyDate, 'DA'],
  [TAG.StudyTime, 'TM'],
  [TAG.AccessionNumber, 'SH'],
  [TAG.Modality, 'CS'],
  [TAG.Manufacturer, 'LO'],
  [TAG.InstitutionName, 'LO'],
  [TAG.ReferringPhysicianName, 'PN'],
  [TAG.StudyDescription, 'LO'],
  [TAG.SeriesDescription, 'LO'],
  [TAG.PatientName, 'PN'],
  [TAG.PatientID, 'LO'],
  [TAG.IssuerOfPatientID, 'LO'],
  [TAG.PatientBirthDate, 'DA'],
  [TAG.PatientSex, 'CS'],
  [TAG.BodyPartExamined, 'CS'],
  [TAG.SliceThickness, 'DS'],
  [TAG.StudyInstanceUID, 'UI'],
  [TAG.SeriesInstanceUID, 'UI'],
  [TAG.StudyID, 'SH'],
  [TAG.SeriesNumber, 'IS'],
  [TAG.InstanceNumber, 'IS'],
  [TAG.ImagePositionPatient, 'DS'],
  [TAG.ImageOrientationPatient, 'DS'],
  [TAG.FrameOfReferenceUID, 'UI'],
  [TAG.SliceLocation, 'DS'],
  [TAG.PlanePositionSequence, 'SQ'],
  [TAG.PlaneOrientationSequence, 'SQ'],
  [TAG.SamplesPerPixel, 'US'],
  [TAG.PhotometricInterpretation, 'CS'],
  [TAG.NumberOfFrames, 'IS'],
  [TAG.Rows, 'US'],
  [TAG.Columns, 'US'],
  [TAG.PixelSpacing, 'DS'],
  [TAG.BitsAllocated, 'US'],
  [TAG.PixelMeasuresSequence, 'SQ'],
  [TAG.SharedFunctionalGroupsSequence, 'SQ'],
  [TAG.PerFrameFunctionalGroupsSequence, 'SQ'],
  [TAG.FloatPixelData, 'OF'],
  [TAG.DoubleFloatPixelData, 'OD'],
  [TAG.PixelData, 'OW'],
]);
