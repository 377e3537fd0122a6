// Writes small DICOM Part 10 files in tests (PS3.10 §7: preamble, "DICM", group 0002, dataset),
// so tests need no committed binary fixtures. Explicit or Implicit VR Little Endian only.

export interface FileElement {
  tag: number;
  vr: string;
  /** Bytes, a string (padded to even length as PS3.5 §6.2 says), or sequence items. */
  value: Uint8Array | string | FileElement[][];
  /** Sequences / items written with undefined length and delimiters. */
  undefinedLength?: boolean;
}

export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const IMPLICIT_LE = '1.2.840.10008.1.2';
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export const tag = (group: number, element: number) => ((group << 16) | element) >>> 0;

class ByteSink {
  private chunks: Uint8Array[] = [];
  push(bytes: Uint8Array) {
    this.chunks.push(bytes);
  }
  u16(v: number) {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    this.push(b);
  }
  u32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.push(b);
  }
  tag(t: number) {
    this.u16(t >>> 16);
    this.u16(t & 0xffff);
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

function valueBytes(vr: string, value: string | Uint8Array): Uint8Array {
  if (typeof value !== 'string') return value;
  const raw = Buffer.from(value, 'latin1');
  if (raw.length % 2 === 0) return raw;
  return Buffer.concat([raw, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
}

export function encodeElements(elements: FileElement[], explicit: boolean): Uint8Array {
  const sink = new ByteSink();
  for (const element of elements) writeElement(sink, element, explicit);
  return sink.bytes();
}

function writeElement(sink: ByteSink, element: FileElement, explicit: boolean): void {
  let body: Uint8Array;
  if (Array.isArray(element.value)) {
    const items = new ByteSink();
    for (const item of element.value) {
      const content = encodeElements(item, explicit);
      items.tag(tag(0xfffe, 0xe000));
      items.u32(element.undefinedLength ? 0xffffffff : content.length);
      items.push(content);
      if (element.undefinedLength) {
        items.tag(tag(0xfffe, 0xe00d));
        items.u32(0);
      }
    }
    if (element.undefinedLength) {
      items.tag(tag(0xfffe, 0xe0dd));
      items.u32(0);
    }
    body = items.bytes();
  } else {
    body = valueBytes(element.vr, element.value);
  }
  const length = element.undefinedLength ? 0xffffffff : body.length;
  sink.tag(element.tag);
  if (explicit) {
    sink.push(Buffer.from(element.vr, 'latin1'));
    if (LONG_VRS.has(element.vr)) {
      sink.u16(0);
      sink.u32(length);
    } else {
      sink.u16(length);
    }
  } else {
    sink.u32(length);
  }
  sink.push(body);
}

/** The SOP Common / Study / Series UIDs every storable instance needs. */
export function identityElements(suffix = '1'): FileElement[] {
  return [
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: `1.2.826.0.1.3680043.10.1.${suffix}` },
    { tag: tag(0x0020, 0x000d), vr: 'UI', value: '1.2.826.0.1.3680043.10.2' },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: '1.2.826.0.1.3680043.10.3' },
  ];
}

export function buildDicomFile(options: {
  elements: FileElement[];
  transferSyntax?: string;
  preamble?: boolean;
  /** Encode the dataset in this syntax whatever the meta header says (for mismatch tests). */
  encodeAs?: string;
}): Uint8Array {
  const transferSyntax = options.transferSyntax ?? EXPLICIT_LE;
  const dataset = encodeElements(
    [...options.elements].sort((a, b) => a.tag - b.tag),
    (options.encodeAs ?? transferSyntax) !== IMPLICIT_LE,
  );
  if (options.preamble === false) return dataset;
  const metaBody = encodeElements(
    [
      { tag: tag(0x0002, 0x0001), vr: 'OB', value: new Uint8Array([0, 1]) },
      { tag: tag(0x0002, 0x0010), vr: 'UI', value: transferSyntax },
    ],
    true,
  );
  const groupLength = encodeElements([{ tag: tag(0x0002, 0x0000), vr: 'UL', value: u32le(metaBody.length) }], true);
  return Buffer.concat([new Uint8Array(128), Buffer.from('DICM', 'latin1'), groupLength, metaBody, dataset]);
}

export function u16le(v: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, true);
  return b;
}
export function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

/**
 * A (0040,A730) sequence with `depth` sequences nested inside one another (undefined lengths),
 * built without recursion: each level is "sequence header, item start" and closes with "item
 * delimiter, sequence delimiter".
 */
export function nestedSequences(depth: number): FileElement {
  const open = new ByteSink();
  open.tag(tag(0x0040, 0xa730));
  open.push(Buffer.from('SQ', 'latin1'));
  open.u16(0);
  open.u32(0xffffffff);
  open.tag(tag(0xfffe, 0xe000));
  open.u32(0xffffffff);
  const close = new ByteSink();
  close.tag(tag(0xfffe, 0xe00d));
  close.u32(0);
  close.tag(tag(0xfffe, 0xe0dd));
  close.u32(0);
  const openBytes = open.bytes();
  const closeBytes = close.bytes();
  const levels = depth - 1;
  // The outer element's own header is written by encodeElements; its value starts with an item.
  const value = Buffer.concat([
    openBytes.subarray(12),
    ...Array.from({ length: levels }, () => openBytes),
    ...Array.from({ length: levels + 1 }, () => closeBytes),
  ]);
  return { tag: tag(0x0040, 0xa730), vr: 'SQ', value, undefinedLength: true };
}
