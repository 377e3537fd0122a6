// Datasets written without the PS3.10 preamble and File Meta Information (old ACR-NEMA style
// exports, some modalities' raw dumps). dcmjs refuses them, so, as dcmtk does, infer the
// transfer syntax from the first element and put a minimal meta header in front.

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';

const isVrLetter = (b: number | undefined) => b !== undefined && b >= 0x41 && b <= 0x5a;

/** Whether `bytes` starts with "DICM" after a 128-byte preamble. */
export function hasPart10Header(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/**
 * The transfer syntax of a headerless dataset, judged from its first element: a little-endian
 * group 0008 tag followed by two capital letters is Explicit VR Little Endian, a
 * big-endian tag with a VR is Explicit VR Big Endian, a plausible little-endian tag without a VR
 * is Implicit VR Little Endian. Undefined when the bytes do not look like a dataset.
 */
export function inferTransferSyntax(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const [g0, g1, , , v0, v1] = bytes;
  const explicitVr = isVrLetter(v0) && isVrLetter(v1);
  if (g0 === 0x08 && g1 === 0x00) return explicitVr ? EXPLICIT_LE : IMPLICIT_LE;
  if (g0 === 0x00 && g1 === 0x08 && explicitVr) return EXPLICIT_BE;
  return undefined;
}

/** Prepends a preamble and a File Meta group naming `transferSyntax` (PS3.10 §7.1). */
export function withPart10Header(dataset: Uint8Array, transferSyntax: string): Uint8Array {
  const uid = transferSyntax.length % 2 === 0 ? transferSyntax : `${transferSyntax}\0`;
  const tsElement = new Uint8Array(8 + uid.length);
  const view = new DataView(tsElement.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, 0x0010, true);
  tsElement.set([0x55, 0x49], 4);
  view.setUint16(6, uid.length, true);
  for (let i = 0; i < uid.length; i++) tsElement[8 + i] = uid.charCodeAt(i);
  const groupLength = new Uint8Array(12);
  const gl = new DataView(groupLength.buffer);
  gl.setUint16(0, 0x0002, true);
  groupLength.set([0x55, 0x4c], 4);
  gl.setUint16(6, 4, true);
  gl.setUint32(8, tsElement.length, true);
  const out = new Uint8Array(132 + groupLength.length + tsElement.length + dataset.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(groupLength, 132);
  out.set(tsElement, 144);
  out.set(dataset, 144 + tsElement.length);
  return out;
}
