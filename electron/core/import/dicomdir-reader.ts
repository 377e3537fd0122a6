// Reads the Directory Record Sequence of a DICOMDIR (PS3.10 §7.2, PS3.3 F.3) just far enough
// to list the files it references. It walks the records in sequence order instead of following
// the record offsets, so DICOMDIRs with wrong or missing offsets (seen on real CDs) still work.
import { AppError } from '../../shared/result';

export interface DicomdirRecord {
  /** DirectoryRecordType (0004,1430), e.g. IMAGE, RT DOSE, SR DOCUMENT. */
  type: string;
  /** ReferencedFileID (0004,1500) components, relative to the DICOMDIR's folder (PS3.3 F.5). */
  fileId: string[];
}

const TAG_TRANSFER_SYNTAX = 0x00020010;
const TAG_RECORD_SEQUENCE = 0x00041220;
const TAG_RECORD_IN_USE = 0x00041410;
const TAG_RECORD_TYPE = 0x00041430;
const TAG_REFERENCED_FILE_ID = 0x00041500;
const TAG_ITEM = 0xfffee000;
const TAG_ITEM_END = 0xfffee00d;
const TAG_SEQUENCE_END = 0xfffee0dd;
const UNDEFINED = 0xffffffff;
const MAX_DEPTH = 16;

// PS3.5 §7.1.2: these explicit VRs have a 2-byte reserved field and a 4-byte length.
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

class Cursor {
  pos = 0;
  constructor(
    readonly view: DataView,
    public little: boolean,
    public explicit: boolean,
  ) {}
  need(n: number): void {
    if (this.pos + n > this.view.byteLength) throw broken('it ends in the middle of an element');
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, this.little);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, this.little);
    this.pos += 4;
    return v;
  }
  tag(): number {
    const group = this.u16();
    const element = this.u16();
    return ((group << 16) | element) >>> 0;
  }
  ascii(n: number): string {
    this.need(n);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.view.getUint8(this.pos + i));
    this.pos += n;
    return s;
  }
}

function broken(why: string): AppError {
  return new AppError('NOT_DICOM', `The DICOMDIR cannot be read: ${why}.`);
}

interface Header {
  tag: number;
  vr: string | null;
  length: number;
}

function readHeader(c: Cursor): Header {
  const tag = c.tag();
  // Item and delimitation tags never carry a VR, in any transfer syntax (PS3.5 §7.5).
  if (tag >>> 16 === 0xfffe) return { tag, vr: null, length: c.u32() };
  if (!c.explicit) return { tag, vr: null, length: c.u32() };
  const vr = c.ascii(2);
  if (LONG_VRS.has(vr)) {
    c.u16();
    return { tag, vr, length: c.u32() };
  }
  return { tag, vr, length: c.u16() };
}

/** Skips an undefined-length sequence or item body, handling nested sequences. */
function skipUndefined(c: Cursor, depth: number, endTag: number): void {
  if (depth > MAX_DEPTH) throw broken('its sequences are nested too deeply');
  for (;;) {
    const h = readHeader(c);
    if (h.tag === endTag) return;
    skipValue(c, h, depth + 1);
  }
}

function skipValue(c: Cursor, h: Header, depth: number): void {
  if (h.length !== UNDEFINED) {
    c.need(h.length);
    c.pos += h.length;
    return;
  }
  skipUndefined(c, depth, h.tag === TAG_ITEM ? TAG_ITEM_END : TAG_SEQUENCE_END);
}

function readString(c: Cursor, length: number): string {
  return c.ascii(length).replace(/[\0 ]+$/, '');
}

function readRecord(c: Cursor, itemLength: number): DicomdirRecord | null {
  const end = itemLength === UNDEFINED ? Number.POSITIVE_INFINITY : c.pos + itemLength;
  let type = '';
  let fileId: string[] = [];
  let inUse = true;
  while (c.pos < end) {
    const h = readHeader(c);
    if (h.tag === TAG_ITEM_END) break;
    if (h.tag === TAG_RECORD_TYPE && h.length !== UNDEFINED) type = readString(c, h.length).trim();
    else if (h.tag === TAG_REFERENCED_FILE_ID && h.length !== UNDEFINED) {
      fileId = readString(c, h.length).split('\\').map((part) => part.trim()).filter((part) => part !== '');
    } else if (h.tag === TAG_RECORD_IN_USE && h.length === 2) inUse = c.u16() !== 0;
    else skipValue(c, h, 1);
  }
  // RecordInUseFlag 0000H marks a record as inactive (retired, PS3.3 F.3.2.2).
  return inUse ? { type, fileId } : null;
}

export interface DicomdirContents {
  records: DicomdirRecord[];
  /** False when the record sequence ended early (bad lengths): the caller should also scan the folder. */
  complete: boolean;
}

/** Lists the records of a DICOMDIR file; throws NOT_DICOM with a reason when it is unreadable. */
export function readDicomdir(bytes: Uint8Array): DicomdirContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') {
    throw broken('it has no DICOM preamble ("DICM" at byte 128)');
  }
  // The file meta group is always explicit VR little endian (PS3.10 §7.1).
  const c = new Cursor(view, true, true);
  c.pos = 132;
  let transferSyntax = '1.2.840.10008.1.2.1';
  while (c.pos + 4 <= bytes.byteLength && view.getUint16(c.pos, true) === 0x0002) {
    const h = readHeader(c);
    if (h.tag === TAG_TRANSFER_SYNTAX) transferSyntax = readString(c, h.length);
    else skipValue(c, h, 0);
  }
  if (transferSyntax === '1.2.840.10008.1.2') c.explicit = false;
  else if (transferSyntax === '1.2.840.10008.1.2.2') c.little = false;
  else if (transferSyntax !== '1.2.840.10008.1.2.1') {
    throw new AppError('UNSUPPORTED_TRANSFER_SYNTAX', `The DICOMDIR uses transfer syntax ${transferSyntax}, which a DICOMDIR may not use.`);
  }
  const records: DicomdirRecord[] = [];
  while (c.pos < bytes.byteLength) {
    const h = readHeader(c);
    if (h.tag !== TAG_RECORD_SEQUENCE) {
      skipValue(c, h, 0);
      continue;
    }
    const end = h.length === UNDEFINED ? Number.POSITIVE_INFINITY : c.pos + h.length;
    try {
      while (c.pos < end) {
        const item = readHeader(c);
        if (item.tag === TAG_SEQUENCE_END) break;
        if (item.tag !== TAG_ITEM) throw broken('its Directory Record Sequence holds something other than items');
        const record = readRecord(c, item.length);
        if (record) records.push(record);
      }
    } catch (error) {
      // Keep the records read so far; the caller scans the folder for the rest.
      if (error instanceof AppError) return { records, complete: false };
      throw error;
    }
    return { records, complete: true };
  }
  throw broken('it has no Directory Record Sequence (0004,1220)');
}
