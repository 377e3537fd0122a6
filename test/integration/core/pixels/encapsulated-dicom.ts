// Writes DICOM Part 10 files with encapsulated Pixel Data (PS3.5 A.4) for the tests: frames as
// lists of fragments, with or without a Basic Offset Table, optionally an Extended Offset Table
// (A.4.1). Explicit VR Little Endian dataset; only the attributes decoding reads.

export interface EncapsulatedImage {
  transferSyntax: string;
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  samplesPerPixel: 1 | 3;
  photometric: string;
  /** Each frame's codestream, already split into fragments. */
  frames: Uint8Array[][];
  offsetTable: 'basic' | 'none' | 'extended';
  /** SOP Class; Secondary Capture by default (gdcm refuses multi-frame SC: use a multi-frame SC class). */
  sopClassUID?: string;
}

class Writer {
  private parts: Buffer[] = [];
  raw(bytes: Uint8Array) {
    this.parts.push(Buffer.from(bytes));
  }
  tag(group: number, element: number) {
    const b = Buffer.alloc(4);
    b.writeUInt16LE(group, 0);
    b.writeUInt16LE(element, 2);
    this.parts.push(b);
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0, 0);
    this.parts.push(b);
  }
  /** Explicit VR element; `long` VRs have a reserved field and 32-bit length (PS3.5 7.1.2). */
  element(group: number, element: number, vr: string, value: Uint8Array) {
    this.tag(group, element);
    this.raw(Buffer.from(vr, 'latin1'));
    if (['OB', 'OW', 'OV', 'SQ', 'UN', 'UT'].includes(vr)) {
      this.raw(Buffer.alloc(2));
      this.u32(value.length);
    } else {
      const b = Buffer.alloc(2);
      b.writeUInt16LE(value.length, 0);
      this.raw(b);
    }
    this.raw(value);
  }
  text(group: number, element: number, vr: string, value: string) {
    const padded = value.length % 2 === 0 ? value : value + (vr === 'UI' ? '\0' : ' ');
    this.element(group, element, vr, Buffer.from(padded, 'latin1'));
  }
  us(group: number, element: number, value: number) {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(value, 0);
    this.element(group, element, 'US', b);
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function u64s(values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), i * 8));
  return b;
}

export function encapsulatedDicom(image: EncapsulatedImage): Uint8Array {
  const fragments = image.frames.map((frame) => frame.map((f) => (f.length % 2 === 0 ? f : Buffer.concat([f, Buffer.alloc(1)]))));
  // Offsets of each frame's first fragment Item tag, from the first fragment (A.4, A.4.1).
  const offsets: number[] = [];
  let position = 0;
  for (const frame of fragments) {
    offsets.push(position);
    position += frame.reduce((n, f) => n + 8 + f.length, 0);
  }
  const meta = new Writer();
  meta.element(0x0002, 0x0001, 'OB', Buffer.from([0, 1]));
  const sopClass = image.sopClassUID ?? '1.2.840.10008.5.1.4.1.1.7';
  meta.text(0x0002, 0x0002, 'UI', sopClass);
  meta.text(0x0002, 0x0003, 'UI', '1.2.826.0.1.3680043.10.543.1');
  meta.text(0x0002, 0x0010, 'UI', image.transferSyntax);
  const metaBody = meta.bytes();
  const head = new Writer();
  head.raw(Buffer.alloc(128));
  head.raw(Buffer.from('DICM', 'latin1'));
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length, 0);
  head.element(0x0002, 0x0000, 'UL', groupLength);
  head.raw(metaBody);

  const ds = new Writer();
  ds.text(0x0008, 0x0016, 'UI', sopClass);
  ds.text(0x0008, 0x0018, 'UI', '1.2.826.0.1.3680043.10.543.1');
  ds.us(0x0028, 0x0002, image.samplesPerPixel);
  ds.text(0x0028, 0x0004, 'CS', image.photometric);
  if (image.samplesPerPixel === 3) ds.us(0x0028, 0x0006, 0);
  ds.text(0x0028, 0x0008, 'IS', String(image.frames.length));
  ds.us(0x0028, 0x0010, image.rows);
  ds.us(0x0028, 0x0011, image.columns);
  ds.us(0x0028, 0x0100, image.bitsAllocated);
  ds.us(0x0028, 0x0101, image.bitsStored);
  ds.us(0x0028, 0x0102, image.bitsStored - 1);
  ds.us(0x0028, 0x0103, image.pixelRepresentation);
  if (image.offsetTable === 'extended') {
    ds.element(0x7fe0, 0x0001, 'OV', u64s(offsets));
    ds.element(0x7fe0, 0x0002, 'OV', u64s(fragments.map((frame) => frame.reduce((n, f) => n + f.length, 0))));
  }
  ds.tag(0x7fe0, 0x0010);
  ds.raw(Buffer.from('OB', 'latin1'));
  ds.raw(Buffer.alloc(2));
  ds.u32(0xffffffff);
  const bot = image.offsetTable === 'basic' ? Buffer.concat(offsets.map((o) => { const b = Buffer.alloc(4); b.writeUInt32LE(o, 0); return b; })) : Buffer.alloc(0);
  ds.tag(0xfffe, 0xe000);
  ds.u32(bot.length);
  ds.raw(bot);
  for (const frame of fragments) {
    for (const fragment of frame) {
      ds.tag(0xfffe, 0xe000);
      ds.u32(fragment.length);
      ds.raw(fragment);
    }
  }
  ds.tag(0xfffe, 0xe0dd);
  ds.u32(0);
  return Buffer.concat([head.bytes(), ds.bytes()]);
}

/** Splits a codestream into `count` fragments of roughly equal size. */
export function splitFragments(codestream: Uint8Array, count: number): Uint8Array[] {
  const size = Math.ceil(codestream.length / count / 2) * 2;
  const out: Uint8Array[] = [];
  for (let i = 0; i < codestream.length; i += size) out.push(codestream.subarray(i, i + size));
  return out;
}
