// Read access to the pixel-related attributes of a dcmjs-parsed dataset (raw element dictionary,
// tag keys like "00280010"). dcmjs leaves OB/OW/OF values as raw bytes in the file's byte order,
// so the byte order travels with every binary value read here.
import { AppError } from '../../shared/result';

export interface DatasetElement {
  vr: string;
  Value?: unknown[];
}
export type DatasetDict = Record<string, DatasetElement | undefined>;

/** What dcmjs `DicomMessage.readFile` returns: the file meta group and the dataset. */
export interface PixelDataset {
  meta: DatasetDict;
  dict: DatasetDict;
}

export function values(dict: DatasetDict, tag: string): unknown[] {
  return dict[tag]?.Value ?? [];
}

export function has(dict: DatasetDict, tag: string): boolean {
  return dict[tag] !== undefined;
}

/** Numeric values of DS/IS/US/SS/UL/SL/FL/FD; strings are parsed, blanks dropped. */
export function numbers(dict: DatasetDict, tag: string): number[] {
  const out: number[] = [];
  for (const raw of values(dict, tag)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

export function number(dict: DatasetDict, tag: string): number | undefined {
  return numbers(dict, tag)[0];
}

export function text(dict: DatasetDict, tag: string): string {
  const raw = values(dict, tag)[0];
  return typeof raw === 'string' ? raw.trim() : '';
}

export function texts(dict: DatasetDict, tag: string): string[] {
  return values(dict, tag).map((raw) => (typeof raw === 'string' ? raw.trim() : ''));
}

export function sequenceItems(dict: DatasetDict | undefined, tag: string): DatasetDict[] {
  if (!dict) return [];
  return values(dict, tag).filter((v): v is DatasetDict => typeof v === 'object' && v !== null && !(v instanceof ArrayBuffer));
}

/** The binary value of an OB/OW/OF/OD/OV/UN element (dcmjs: one or more ArrayBuffers). */
export function binary(dict: DatasetDict, tag: string): Uint8Array | undefined {
  const parts = values(dict, tag).filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return new Uint8Array(parts[0] as ArrayBuffer);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out;
}

/** The pieces of an encapsulated Pixel Data value as dcmjs returns them (frames or fragments). */
export function binaryParts(dict: DatasetDict, tag: string): Uint8Array[] {
  return values(dict, tag).flatMap((v) => {
    if (v instanceof ArrayBuffer) return [new Uint8Array(v)];
    // dcmjs in no-copy mode returns a frame's fragments as a nested array.
    if (Array.isArray(v)) return [concat(v.filter((p): p is ArrayBuffer => p instanceof ArrayBuffer).map((p) => new Uint8Array(p)))];
    return [];
  });
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * Unsigned 16-bit words of a LUT Data element: dcmjs gives numbers for US and raw bytes for OW
 * (in the transfer syntax's byte order).
 */
export function words(dict: DatasetDict, tag: string, littleEndian: boolean): Uint16Array | undefined {
  const bytes = binary(dict, tag);
  if (bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Uint16Array(bytes.byteLength >> 1);
    for (let i = 0; i < out.length; i++) out[i] = view.getUint16(i * 2, littleEndian);
    return out;
  }
  const list = numbers(dict, tag);
  return list.length > 0 ? Uint16Array.from(list, (v) => v & 0xffff) : undefined;
}

export function requiredNumber(dict: DatasetDict, tag: string, name: string): number {
  const n = number(dict, tag);
  if (n === undefined || !Number.isInteger(n)) {
    throw new AppError('DECODE_FAILED', `The image has no valid ${name} (${tag.slice(0, 4)},${tag.slice(4)}); its pixels cannot be decoded.`);
  }
  return n;
}
