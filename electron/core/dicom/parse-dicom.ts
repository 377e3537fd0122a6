// The validating DICOM parser: bytes in, a `ParsedInstance` out, or an `AppError` with a code
// and a sentence a radiologist or IT person can act on. It never reads pixel values; it checks
// that the pixel data is as long (native) or as well formed (encapsulated) as the header says.
import { AppError } from '../../shared/result';
import { CHARSET_VRS, type CharacterSet, characterSet, SINGLE_VALUED_TEXT_VRS } from './character-sets';
import { DICTIONARY_VR, TAG } from './dicom-tags';
import { type ElementHeader, type PixelDataHeader, scanElements } from './element-scanner';
import { asciiValue, type DatasetLocation, locateDataset } from './file-meta';
import type { ParsedInstance } from './parsed-instance';
import { EMPTY_PERSON_NAME, personName } from './person-name';

export interface ParseOptions {
  /** Sequence nesting limit (default 32). */
  maxSequenceDepth?: number;
}

/** Functional group values of enhanced multi-frame objects (PS3.3 C.7.6.16) used when the top level has none. */
const FUNCTIONAL_GROUP_TAGS = new Map<number, number[]>([
  [TAG.PixelMeasuresSequence, [TAG.PixelSpacing, TAG.SliceThickness]],
  [TAG.PlanePositionSequence, [TAG.ImagePositionPatient]],
  [TAG.PlaneOrientationSequence, [TAG.ImageOrientationPatient]],
]);

interface Collected {
  location: DatasetLocation;
  topLevel: Map<number, ElementHeader>;
  functionalGroups: Map<number, ElementHeader>;
  pixelData: PixelDataHeader | null;
}

function collect(bytes: Uint8Array, options: ParseOptions): Collected {
  const location = locateDataset(bytes);
  const topLevel = new Map<number, ElementHeader>();
  const functionalGroups = new Map<number, ElementHeader>();
  let pixelData: PixelDataHeader | null = null;
  scanElements(
    location.bytes,
    {
      explicitVR: location.transferSyntax.explicitVR,
      littleEndian: location.transferSyntax.littleEndian,
      start: location.start,
      maxSequenceDepth: options.maxSequenceDepth,
      fileOffset: location.fileOffset,
    },
    {
      element(header) {
        if (header.depth === 0) {
          if (DICTIONARY_VR.has(header.tag)) topLevel.set(header.tag, { ...header, path: [] });
          return;
        }
        const parent = header.path[header.path.length - 1]!;
        const root = header.path[0];
        if (root !== TAG.SharedFunctionalGroupsSequence && root !== TAG.PerFrameFunctionalGroupsSequence) return;
        if (FUNCTIONAL_GROUP_TAGS.get(parent)?.includes(header.tag) && !functionalGroups.has(header.tag)) {
          functionalGroups.set(header.tag, { ...header, path: [] });
        }
      },
      pixelData(header) {
        if (header.depth === 0) pixelData = header;
      },
    },
  );
  return { location, topLevel, functionalGroups, pixelData };
}

export function parseDicom(bytes: Uint8Array, options: ParseOptions = {}): ParsedInstance {
  const { location, topLevel, functionalGroups, pixelData } = collect(bytes, options);
  const data = location.bytes;
  const raw = (tag: number): ElementHeader | undefined => topLevel.get(tag) ?? functionalGroups.get(tag);
  const slice = (h: ElementHeader) => data.subarray(h.offset, h.offset + h.length);
  const ascii = (tag: number) => {
    const h = raw(tag);
    return h ? asciiValue(slice(h)) : '';
  };

  const charsetTerms = ascii(TAG.SpecificCharacterSet).split('\\');
  const charset = characterSet(charsetTerms);
  const text = (tag: number) => {
    const h = raw(tag);
    return h ? decodeText(charset, slice(h), DICTIONARY_VR.get(tag)!)[0] ?? '' : '';
  };
  const person = (tag: number) => {
    const value = text(tag);
    return value === '' ? { ...EMPTY_PERSON_NAME } : personName(value);
  };
  const decimals = (tag: number) => parseDecimals(ascii(tag));
  const decimal = (tag: number) => decimals(tag)?.[0] ?? null;
  const integer = (tag: number) => parseIntegerString(ascii(tag));
  const unsigned = (tag: number) => {
    const h = raw(tag);
    if (!h || h.length < 2) return null;
    return new DataView(data.buffer, data.byteOffset + h.offset, 2).getUint16(0, h.littleEndian);
  };

  const sopClassUID = ascii(TAG.SOPClassUID) || location.meta.mediaStorageSOPClassUID;
  const sopInstanceUID = ascii(TAG.SOPInstanceUID) || location.meta.mediaStorageSOPInstanceUID;
  const studyInstanceUID = ascii(TAG.StudyInstanceUID);
  const seriesInstanceUID = ascii(TAG.SeriesInstanceUID);
  const missing = [
    ['SOP Class UID (0008,0016)', sopClassUID],
    ['SOP Instance UID (0008,0018)', sopInstanceUID],
    ['Study Instance UID (0020,000D)', studyInstanceUID],
    ['Series Instance UID (0020,000E)', seriesInstanceUID],
  ].filter(([, value]) => value === '');
  if (missing.length > 0) {
    throw new AppError(
      'MISSING_UID',
      `The file has no ${missing.map(([name]) => name).join(', ')}: it cannot be filed under a study and series.`,
    );
  }

  const rows = unsigned(TAG.Rows);
  const columns = unsigned(TAG.Columns);
  const bitsAllocated = unsigned(TAG.BitsAllocated);
  const samplesPerPixel = unsigned(TAG.SamplesPerPixel);
  const photometricInterpretation = ascii(TAG.PhotometricInterpretation);
  const numberOfFramesText = ascii(TAG.NumberOfFrames);
  const numberOfFrames = parseIntegerString(numberOfFramesText);
  const pixels = pixelData as PixelDataHeader | null;
  if (pixels) {
    if (numberOfFramesText !== '' && (numberOfFrames === null || numberOfFrames < 1)) {
      throw new AppError(
        'BAD_VR',
        `Number of Frames (0028,0008) is "${numberOfFramesText.slice(0, 16)}", not a positive integer: the layout of the pixel data is unknown.`,
      );
    }
    checkPixelData(pixels, location, { rows, columns, bitsAllocated, samplesPerPixel, photometricInterpretation, frames: numberOfFrames ?? 1 });
  }

  return {
    transferSyntaxUID: location.transferSyntax.uid,
    sopClassUID,
    sopInstanceUID,
    inferredTransferSyntax: location.inferredTransferSyntax,
    specificCharacterSet: charsetTerms.map((t) => t.trim()).filter((t, i) => t !== '' || i > 0),
    patientName: person(TAG.PatientName),
    patientID: text(TAG.PatientID),
    issuerOfPatientID: text(TAG.IssuerOfPatientID),
    patientBirthDate: ascii(TAG.PatientBirthDate),
    patientSex: ascii(TAG.PatientSex),
    studyInstanceUID,
    studyDate: ascii(TAG.StudyDate),
    studyTime: ascii(TAG.StudyTime),
    studyDescription: text(TAG.StudyDescription),
    studyID: text(TAG.StudyID),
    accessionNumber: text(TAG.AccessionNumber),
    referringPhysicianName: person(TAG.ReferringPhysicianName).display,
    institutionName: text(TAG.InstitutionName),
    seriesInstanceUID,
    modality: ascii(TAG.Modality),
    seriesNumber: integer(TAG.SeriesNumber),
    seriesDescription: text(TAG.SeriesDescription),
    bodyPartExamined: ascii(TAG.BodyPartExamined),
    frameOfReferenceUID: ascii(TAG.FrameOfReferenceUID),
    manufacturer: text(TAG.Manufacturer),
    instanceNumber: integer(TAG.InstanceNumber),
    rows,
    columns,
    numberOfFrames,
    bitsAllocated,
    samplesPerPixel,
    photometricInterpretation,
    imagePositionPatient: lengthOrNull(decimals(TAG.ImagePositionPatient), 3),
    imageOrientationPatient: lengthOrNull(decimals(TAG.ImageOrientationPatient), 6),
    pixelSpacing: lengthOrNull(decimals(TAG.PixelSpacing), 2),
    sliceThickness: decimal(TAG.SliceThickness),
    sliceLocation: decimal(TAG.SliceLocation),
    hasPixelData: pixels !== null,
  };
}

interface ImageLayout {
  rows: number | null;
  columns: number | null;
  bitsAllocated: number | null;
  samplesPerPixel: number | null;
  photometricInterpretation: string;
  frames: number;
}

function checkPixelData(pixels: PixelDataHeader, location: DatasetLocation, layout: ImageLayout): void {
  const ts = location.transferSyntax;
  if (pixels.encapsulated) {
    if (!ts.encapsulated) {
      throw new AppError(
        'PIXEL_DATA_LENGTH_MISMATCH',
        `The pixel data is encapsulated (compressed) but the transfer syntax ${ts.uid} says it is not: the file is inconsistent.`,
      );
    }
    // PS3.5 A.4: a fragment never holds more than one frame, so there are at least as many fragments as frames.
    if (pixels.fragments < 1 || pixels.fragments < layout.frames) {
      throw new AppError(
        'PIXEL_DATA_LENGTH_MISMATCH',
        `The compressed pixel data has ${pixels.fragments} fragment(s) for ${layout.frames} frame(s): frames are missing.`,
      );
    }
    return;
  }
  const { rows, columns, bitsAllocated } = layout;
  if (pixels.tag !== TAG.PixelData) {
    // Float / Double Float Pixel Data: 32 / 64 bits per sample, one sample (PS3.3 C.7.6.24).
    const bits = pixels.tag === TAG.FloatPixelData ? 32 : 64;
    if (rows && columns) requireLength(pixels, rows * columns * layout.frames * (bits / 8), layout);
    return;
  }
  if (!rows || !columns || !bitsAllocated) {
    throw new AppError(
      'PIXEL_DATA_LENGTH_MISMATCH',
      'The file has pixel data but no usable Rows, Columns or Bits Allocated: the image size is unknown.',
    );
  }
  // YBR_FULL_422 stores two samples per pixel when uncompressed (PS3.3 C.7.6.3.1.2).
  const samples = layout.photometricInterpretation === 'YBR_FULL_422' ? 2 : (layout.samplesPerPixel ?? 1);
  const bits = rows * columns * samples * layout.frames * bitsAllocated;
  requireLength(pixels, Math.ceil(bits / 8), layout);
}

function requireLength(pixels: PixelDataHeader, expected: number, layout: ImageLayout): void {
  if (pixels.length >= expected) return;
  const n = (v: number) => v.toLocaleString('en-US');
  throw new AppError(
    'PIXEL_DATA_LENGTH_MISMATCH',
    `The pixel data holds ${n(pixels.length)} bytes but ${n(layout.rows ?? 0)}×${n(layout.columns ?? 0)} pixels × ${layout.frames} frame(s) need ${n(expected)}: the image is incomplete.`,
  );
}

/** Decodes a text element with the Specific Character Set in force; trims the padding PS3.5 §6.2 allows. */
export function decodeText(charset: CharacterSet, bytes: Uint8Array, vr: string): string[] {
  const multiValued = !SINGLE_VALUED_TEXT_VRS.has(vr);
  const values = CHARSET_VRS.has(vr) ? charset.decode(bytes, multiValued) : [asciiValue(bytes)];
  const trailingOnly = SINGLE_VALUED_TEXT_VRS.has(vr);
  return values.map((v) => (trailingOnly ? trimEnd(v, true) : trimEnd(v, false).trim()));
}

/** Strips trailing NULs (and spaces): a loop, because /\0+$/ backtracks quadratically on long runs of NULs. */
function trimEnd(value: string, spaces: boolean): string {
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0 || (spaces && value.charCodeAt(end - 1) === 0x20))) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}

function parseDecimals(value: string): number[] | null {
  if (value === '') return null;
  const numbers = value.split('\\').map((v) => (v.trim() === '' ? NaN : Number(v.trim())));
  return numbers.every(Number.isFinite) ? numbers : null;
}

function parseIntegerString(value: string): number | null {
  const trimmed = value.trim();
  if (!/^[+-]?\d{1,12}$/.test(trimmed)) return null;
  return Number(trimmed);
}

function lengthOrNull(values: number[] | null, length: number): number[] | null {
  return values && values.length >= length ? values.slice(0, length) : null;
}

