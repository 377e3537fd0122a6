// Explicit VR Big Endian (retired, PS3.5 A.3) rewritten as little endian. dcmjs reads every
// numeric VR (US, SS, UL, FL, FD, …) of a big endian file into plain numbers, so those already
// write back correctly in any byte order; what it keeps as raw bytes are the "other" binary VRs,
// still in the file's big endian word order. OW holds 16-bit words (Pixel Data with Bits
// Allocated > 8, LUT and palette data, Overlay Data), OL/OF 32-bit and OD/OV 64-bit ones; OB and
// UN are byte streams with no word order (PS3.5 §7.3) and stay as they are.
import type { DicomDataset, DicomElement } from './data-dictionary';

const WORD_BYTES: Readonly<Record<string, number>> = { OW: 2, OL: 4, OF: 4, OD: 8, OV: 8 };

/** A copy of `dict` whose binary values are in little endian word order; nested sequences included. */
export function bigEndianBinaryToLittle(dict: DicomDataset): DicomDataset {
  const out: DicomDataset = {};
  for (const [tag, element] of Object.entries(dict)) out[tag] = element && convertElement(element);
  return out;
}

function convertElement(element: DicomElement): DicomElement {
  if (element.vr === 'SQ') {
    return { ...element, Value: (element.Value ?? []).map((item) => bigEndianBinaryToLittle(item as DicomDataset)) };
  }
  const word = WORD_BYTES[element.vr];
  if (!word || !element.Value) return element;
  return { ...element, Value: element.Value.map((value) => (value instanceof ArrayBuffer ? swapWords(value, word) : value)) };
}

function swapWords(buffer: ArrayBuffer, word: number): ArrayBuffer {
  const source = new Uint8Array(buffer);
  const swapped = new Uint8Array(source.length);
  // A trailing partial word cannot occur in a valid file (values are even-length, OW is whole
  // words); if one does, its bytes are copied unchanged rather than invented.
  const whole = source.length - (source.length % word);
  for (let start = 0; start < whole; start += word) {
    for (let b = 0; b < word; b += 1) swapped[start + b] = source[start + word - 1 - b]!;
  }
  swapped.set(source.subarray(whole), whole);
  return swapped.buffer;
}
