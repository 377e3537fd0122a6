// dcmjs behind the validating parser, for code that needs every element (SEG, SR, functional
// groups, private tags). dcmjs alone recurses per sequence level (a deep file overflows the
// stack), accepts some truncated files silently and cannot read files without a meta header.
// Here the bytes first pass parseDicom's bounded, iterative checks; files without preamble or
// Transfer Syntax UID, and deflated ones, are handed to dcmjs re-wrapped as plain Part 10.
import { data, type DcmjsDict, log } from 'dcmjs';
import './dcmjs-charset-fix';
import { AppError } from '../../shared/result';
import { locateDataset } from './file-meta';
import { parseDicom, type ParseOptions } from './parse-dicom';
import type { ParsedInstance } from './parsed-instance';

// dcmjs logs every unknown private element at "warn", and its "validation.dcmjs" logger prints
// an error for every odd VR; the validating parser has already judged the file, so both go quiet.
log.setLevel('error');
(log as unknown as { getLogger(name: string): { setLevel(level: string): void } }).getLogger('validation.dcmjs').setLevel('silent');

export interface ValidatedDataset {
  instance: ParsedInstance;
  /** dcmjs's dictionaries, keyed by tag ("00200032"), private elements included. */
  meta: DcmjsDict;
  dict: DcmjsDict;
}

export function readValidatedDataset(bytes: Uint8Array, options: ParseOptions = {}): ValidatedDataset {
  const instance = parseDicom(bytes, options);
  const location = locateDataset(bytes);
  const asIs = !location.inferredTransferSyntax && !location.transferSyntax.deflated;
  const part10 = asIs ? bytes : rewrap(location.bytes.subarray(location.start), location.transferSyntax.deflated ? '1.2.840.10008.1.2.1' : instance.transferSyntaxUID, instance);
  const buffer = part10.buffer.slice(part10.byteOffset, part10.byteOffset + part10.byteLength) as ArrayBuffer;
  try {
    const { meta, dict } = data.DicomMessage.readFile(buffer, { ignoreErrors: false });
    return { instance, meta, dict };
  } catch (error) {
    throw new AppError('DECODE_FAILED', `The file passed validation but dcmjs could not read it (${error instanceof Error ? error.message : 'unknown error'}).`);
  }
}

/** Preamble, "DICM" and a minimal File Meta Information group (PS3.10 §7.1) before a bare dataset. */
function rewrap(dataset: Uint8Array, transferSyntaxUID: string, instance: ParsedInstance): Uint8Array {
  const elements: Uint8Array[] = [
    metaElement(0x0001, 'OB', Uint8Array.from([0, 1])),
    metaElement(0x0002, 'UI', uid(instance.sopClassUID)),
    metaElement(0x0003, 'UI', uid(instance.sopInstanceUID)),
    metaElement(0x0010, 'UI', uid(transferSyntaxUID)),
  ];
  const groupLength = elements.reduce((sum, e) => sum + e.length, 0);
  const lengthValue = new Uint8Array(4);
  new DataView(lengthValue.buffer).setUint32(0, groupLength, true);
  return Buffer.concat([new Uint8Array(128), Buffer.from('DICM', 'latin1'), metaElement(0x0000, 'UL', lengthValue), ...elements, dataset]);
}

function uid(value: string): Uint8Array {
  const bytes = Buffer.from(value, 'latin1');
  return bytes.length % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.from([0])]);
}

function metaElement(element: number, vr: string, value: Uint8Array): Uint8Array {
  const long = vr === 'OB';
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, element, true);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, true);
  else view.setUint16(6, value.length, true);
  return Buffer.concat([header, value]);
}
