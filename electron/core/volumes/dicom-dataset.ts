// Read-only access to the attributes volume assembly needs, on top of dcmjs's raw element
// dictionary (tag keys like "00200032"). Raw keys keep private elements addressable, which
// dcmjs's naturalised form drops. Interim until the validating parser (electron/core/dicom)
// exposes per-frame functional groups and private diffusion tags.
import { type DcmjsDict, data, log } from 'dcmjs';
import '../dicom/dcmjs-charset-fix';
import { AppError } from '../../shared/result';
import { numbers, values } from '../pixels/pixel-dataset';
import { scanDataset } from './scanned-dataset';

log.setLevel('error');

export type DicomDict = DcmjsDict;

export interface DicomDataset {
  meta: DicomDict;
  dict: DicomDict;
}

/** Parses with the element scanner where it can (see scanned-dataset.ts), else with dcmjs. */
export function readDataset(bytes: Uint8Array): DicomDataset {
  return scanDataset(bytes) ?? readDatasetWithDcmjs(bytes);
}

export function readDatasetWithDcmjs(bytes: Uint8Array): DicomDataset {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return data.DicomMessage.readFile(buffer, { ignoreErrors: false });
  } catch (error) {
    throw new AppError('NOT_DICOM', `The file could not be read as DICOM (${error instanceof Error ? error.message : 'parse error'}).`);
  }
}

/** Numeric values of an element, read as the pixel reader reads them (one implementation). */
export { numbers };

export function number(dict: DicomDict, tag: string): number | null {
  return numbers(dict, tag)[0] ?? null;
}

export function text(dict: DicomDict, tag: string): string {
  const raw = values(dict, tag)[0];
  return typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
}

export function texts(dict: DicomDict, tag: string): string[] {
  return values(dict, tag).map((raw) => (typeof raw === 'string' ? raw.trim() : String(raw)));
}

export function sequence(dict: DicomDict, tag: string): DicomDict[] {
  return values(dict, tag).filter((item): item is DicomDict => typeof item === 'object' && item !== null);
}

/** First item of a sequence (functional-group macros hold exactly one item, PS3.3 C.7.6.16). */
export function item(dict: DicomDict | undefined, tag: string): DicomDict | undefined {
  return dict ? sequence(dict, tag)[0] : undefined;
}

/**
 * A private element addressed by its creator (PS3.5 7.8.1): the block (gggg,00xx) whose value is
 * `creator` reserves elements (gggg,xxee); `element` is the low byte `ee` as two hex digits.
 */
export function privateTag(dict: DicomDict, group: string, creator: string, element: string): string | null {
  for (let block = 0x10; block <= 0xff; block++) {
    const blockHex = block.toString(16).toUpperCase().padStart(2, '0');
    const owner = text(dict, `${group}00${blockHex}`);
    if (owner !== '' && owner.toUpperCase() === creator.toUpperCase()) return `${group}${blockHex}${element.toUpperCase()}`;
  }
  return null;
}

export function privateNumbers(dict: DicomDict, group: string, creator: string, element: string): number[] {
  const tag = privateTag(dict, group, creator, element);
  return tag ? numbers(dict, tag) : [];
}
