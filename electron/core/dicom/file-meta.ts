// Finds the dataset in a file: the 128-byte preamble, "DICM" and the File Meta Information
// group (PS3.10 §7.1), the transfer syntax, and deflate (PS3.5 A.5). Files without a preamble or
// without a Transfer Syntax UID are accepted as dcmtk accepts them: the syntax is inferred from
// the first data element, and `inferred` says so.
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../shared/result';
import { TAG } from './dicom-tags';
import { isKnownVR, UNDEFINED_LENGTH } from './element-scanner';
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  lookupTransferSyntax,
  type TransferSyntax,
} from './transfer-syntaxes';

/** A deflated dataset may not inflate past this (a "zip bomb" guard); real ones are far smaller. */
const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

export interface FileMeta {
  mediaStorageSOPClassUID: string;
  mediaStorageSOPInstanceUID: string;
  /** As written in the meta header ('' when absent). */
  transferSyntaxUID: string;
}

export interface DatasetLocation {
  /** The bytes to scan: the file itself, or the inflated dataset of a deflated file. */
  bytes: Uint8Array;
  start: number;
  transferSyntax: TransferSyntax;
  inferredTransferSyntax: boolean;
  meta: FileMeta;
  /** Added to offsets in error messages so they are file offsets (0 for an inflated dataset). */
  fileOffset: number;
}

const isDicm = (bytes: Uint8Array, at: number) =>
  bytes.length >= at + 4 && bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 && bytes[at + 3] === 0x4d;

export function locateDataset(bytes: Uint8Array): DatasetLocation {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasPreamble = isDicm(bytes, 128);
  let pos = hasPreamble ? 132 : 0;
  if (!hasPreamble) {
    if (bytes.length < 8) throw new AppError('NOT_DICOM', 'The file is too small to be DICOM (fewer than 8 bytes).');
    assertPlausibleFirstElement(bytes, view);
  }
  const meta: FileMeta = { mediaStorageSOPClassUID: '', mediaStorageSOPInstanceUID: '', transferSyntaxUID: '' };
  const metaStart = pos;
  pos = readMetaGroup(bytes, view, pos, meta);
  if (hasPreamble && pos === metaStart) {
    throw new AppError('NOT_DICOM', 'The file has the DICOM marker but no File Meta Information after it: it is corrupt.');
  }

  let transferSyntax: TransferSyntax | undefined;
  let inferred = false;
  if (meta.transferSyntaxUID !== '') {
    transferSyntax = lookupTransferSyntax(meta.transferSyntaxUID);
    if (!transferSyntax) {
      throw new AppError(
        'UNSUPPORTED_TRANSFER_SYNTAX',
        `The file uses the transfer syntax ${meta.transferSyntaxUID}, which this workstation does not know: convert it (e.g. dcmconv +te) and import it again.`,
      );
    }
    // Some writers declare one VR encoding and write the other; like dcmtk and pydicom, trust the
    // first data element over the header (native little endian syntaxes only).
    if (!transferSyntax.encapsulated && transferSyntax.littleEndian && !transferSyntax.deflated && pos + 8 <= bytes.length) {
      const actual = inferSyntax(bytes, view, pos);
      if (actual.littleEndian && actual.explicitVR !== transferSyntax.explicitVR) {
        transferSyntax = actual;
        inferred = true;
      }
    }
  } else {
    if (pos + 8 > bytes.length) throw new AppError('TRUNCATED', 'The file ends right after its meta header: it has no dataset.');
    transferSyntax = inferSyntax(bytes, view, pos);
    inferred = true;
  }

  if (transferSyntax.deflated) {
    return { bytes: inflate(bytes.subarray(pos)), start: 0, transferSyntax, inferredTransferSyntax: inferred, meta, fileOffset: 0 };
  }
  return { bytes, start: pos, transferSyntax, inferredTransferSyntax: inferred, meta, fileOffset: 0 };
}

/** Reads group 0002 (always Explicit VR Little Endian, PS3.10 §7.1); returns where the dataset starts. */
function readMetaGroup(bytes: Uint8Array, view: DataView, start: number, meta: FileMeta): number {
  let pos = start;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const tag = ((view.getUint16(pos, true) << 16) | view.getUint16(pos + 2, true)) >>> 0;
    const vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
    if (!isKnownVR(vr)) {
      throw new AppError('BAD_VR', `The File Meta Information ${at(pos)} has no valid value representation: the header is corrupt.`);
    }
    let length: number;
    let headerSize = 8;
    if (['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'].includes(vr)) {
      if (pos + 12 > bytes.length) throw new AppError('TRUNCATED', 'The file ends inside its meta header: it is truncated.');
      length = view.getUint32(pos + 8, true);
      headerSize = 12;
    } else {
      length = view.getUint16(pos + 6, true);
    }
    if (length === UNDEFINED_LENGTH || pos + headerSize + length > bytes.length) {
      throw new AppError('TRUNCATED', `The meta header element ${at(pos)} runs past the end of the file: it is truncated.`);
    }
    const value = () => asciiValue(bytes.subarray(pos + headerSize, pos + headerSize + length));
    if (tag === TAG.MediaStorageSOPClassUID) meta.mediaStorageSOPClassUID = value();
    else if (tag === TAG.MediaStorageSOPInstanceUID) meta.mediaStorageSOPInstanceUID = value();
    else if (tag === TAG.TransferSyntaxUID) meta.transferSyntaxUID = value();
    pos += headerSize + length;
  }
  return pos;
}

/**
 * A file without preamble must start with a low group (the dataset is sorted by tag and the SOP
 * Common module is group 0008); otherwise it is some other file that happens to be imported.
 */
function assertPlausibleFirstElement(bytes: Uint8Array, view: DataView): void {
  const groupLE = view.getUint16(0, true);
  const groupBE = view.getUint16(0, false);
  const group = Math.min(groupLE, groupBE);
  if (group > 0x0008 || group % 2 !== 0) {
    throw new AppError('NOT_DICOM', 'This is not a DICOM file: it has no "DICM" marker and does not begin with a DICOM data element.');
  }
  if (group !== 0x0002) {
    const explicit = isKnownVR(String.fromCharCode(bytes[4]!, bytes[5]!));
    const littleEndian = groupLE <= groupBE;
    if (!explicit && !littleEndian) {
      throw new AppError('NOT_DICOM', 'This is not a DICOM file: it has no "DICM" marker and its first bytes are no valid data element.');
    }
  }
}

function inferSyntax(bytes: Uint8Array, view: DataView, pos: number): TransferSyntax {
  const littleEndian = view.getUint16(pos, true) <= view.getUint16(pos, false);
  const explicit = isKnownVR(String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!));
  const uid = explicit ? (littleEndian ? EXPLICIT_VR_LITTLE_ENDIAN : EXPLICIT_VR_BIG_ENDIAN) : IMPLICIT_VR_LITTLE_ENDIAN;
  return lookupTransferSyntax(uid)!;
}

function inflate(deflated: Uint8Array): Uint8Array {
  try {
    const out = inflateRawSync(deflated, { maxOutputLength: MAX_INFLATED_BYTES });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw new AppError('TRUNCATED', 'The deflated dataset ends early: the file is truncated.');
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('BAD_LENGTH', 'The deflated dataset inflates to more than 1 GiB: the file is corrupt or hostile.');
    throw new AppError('DECODE_FAILED', 'The deflated dataset cannot be inflated: the file is corrupt.');
  }
}

/** UIDs and code strings: ASCII, trailing NUL / space padding removed (PS3.5 §6.2). */
export function asciiValue(value: Uint8Array): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === 0 || value[end - 1] === 0x20)) end -= 1;
  let start = 0;
  while (start < end && value[start] === 0x20) start += 1;
  return Buffer.from(value.buffer, value.byteOffset + start, end - start).toString('latin1');
}

const at = (pos: number) => `at byte ${pos.toLocaleString('en-US')}`;
