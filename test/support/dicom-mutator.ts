// Seeded mutations of real DICOM files: truncation, corrupted VR and length bytes, absurd
// lengths, pixel data shorter than declared, random byte damage. Used by the parser robustness
// test and by the importer's "a rejected file leaves no trace" test; a failing mutant is named
// by its seed file and index, so it can be replayed.
import { seededRandom } from './seeded-random';

/** Seeds for the mutations: every transfer syntax family and object kind the corpus has. */
export const MUTATION_SEEDS = [
  'CT_small.dcm', // Explicit VR LE, CT
  'MR_small_implicit.dcm', // Implicit VR LE
  'MR_small_bigendian.dcm', // Explicit VR BE
  'image_dfl.dcm', // Deflated
  'JPEG2000.dcm', // encapsulated J2K
  'emri_small_RLE.dcm', // encapsulated RLE, multi-frame
  'rtplan.dcm', // implicit, nested sequences, no pixels
  'test-SR.dcm', // SR content tree
  'liver_1frame.dcm', // SEG
  'ExplVR_LitEndNoMeta.dcm', // no meta header
  'bad_sequence.dcm', // UN sequence, JPEG lossless
];
export const MUTATIONS_PER_SEED = 56;
export const MUTANT_COUNT = MUTATION_SEEDS.length * MUTATIONS_PER_SEED;

const VR_NAMES = ['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'TM', 'UI', 'UL', 'UN', 'US', 'UT'];
const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OW', 'SQ', 'UN', 'UT']);

/** Offsets of explicit VR fields (two letters that name a VR right after a 4-byte tag). */
export function vrOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const names = new Set(VR_NAMES);
  for (let i = 136; i + 2 <= bytes.length; i += 1) {
    if (bytes[i]! >= 0x41 && bytes[i]! <= 0x5a && names.has(String.fromCharCode(bytes[i]!, bytes[i + 1]!))) out.push(i);
  }
  return out;
}

/** Offset of the native Pixel Data element's tag (E0 7F 10 00 … "OW"/"OB"), or -1. */
function pixelDataTag(bytes: Uint8Array): number {
  for (let i = bytes.length - 12; i >= 0; i -= 1) {
    if (bytes[i] === 0xe0 && bytes[i + 1] === 0x7f && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00) {
      const vr = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!);
      if (vr === 'OW' || vr === 'OB') return i;
    }
  }
  return -1;
}

export interface Mutant {
  name: string;
  bytes: Uint8Array;
  /** The code the mutation must produce, when it can only produce one. */
  expect?: string;
}

export function mutate(seedName: string, original: Uint8Array, vrs: number[], random: () => number, index: number): Mutant {
  const bytes = new Uint8Array(original);
  const pick = (n: number) => Math.floor(random() * n);
  const kind = index % 7;
  const name = `${seedName}#${index}`;
  if (kind === 0) {
    const cut = pick(bytes.length);
    return { name: `${name} truncated at ${cut}`, bytes: bytes.subarray(0, cut) };
  }
  if (kind === 1 && vrs.length > 0) {
    const at = vrs[pick(vrs.length)]!;
    bytes[at] = pick(256);
    bytes[at + 1] = pick(256);
    return { name: `${name} VR bytes at ${at}`, bytes };
  }
  if (kind === 2 && vrs.length > 0) {
    const at = vrs[pick(vrs.length)]!;
    const vr = String.fromCharCode(bytes[at]!, bytes[at + 1]!);
    const lengthAt = LONG.has(vr) ? at + 4 : at + 2;
    for (let i = 0; i < (LONG.has(vr) ? 4 : 2) && lengthAt + i < bytes.length; i += 1) bytes[lengthAt + i] = pick(256);
    return { name: `${name} length bytes at ${lengthAt}`, bytes };
  }
  if (kind === 3) {
    const longs = vrs.filter((at) => LONG.has(String.fromCharCode(bytes[at]!, bytes[at + 1]!)) && at + 8 <= bytes.length);
    if (longs.length > 0) {
      const at = longs[pick(longs.length)]!;
      new DataView(bytes.buffer).setUint32(at + 4, 0xfffffff0, true);
      return { name: `${name} length 0xFFFFFFF0 at ${at + 4}`, bytes };
    }
  }
  if (kind === 4) {
    const tagAt = pixelDataTag(bytes);
    const length = tagAt >= 0 ? new DataView(bytes.buffer).getUint32(tagAt + 8, true) : 0;
    if (tagAt >= 0 && length !== 0xffffffff && length > 2) {
      // Declared and actual length both shortened: consistent structure, too few pixels.
      const shorter = Math.max(0, length - 2 - 2 * pick(Math.floor(length / 2)));
      const out = new Uint8Array(bytes.subarray(0, tagAt + 12 + shorter));
      new DataView(out.buffer).setUint32(tagAt + 8, shorter, true);
      return { name: `${name} pixel data ${shorter} of ${length} bytes`, bytes: out, expect: 'PIXEL_DATA_LENGTH_MISMATCH' };
    }
  }
  if (kind === 5) {
    const tagAt = pixelDataTag(bytes);
    const length = tagAt >= 0 ? new DataView(bytes.buffer).getUint32(tagAt + 8, true) : 0;
    if (tagAt >= 0 && length !== 0xffffffff && length > 1) {
      const cut = tagAt + 12 + pick(length);
      return { name: `${name} truncated in pixel data at ${cut}`, bytes: bytes.subarray(0, cut), expect: 'TRUNCATED' };
    }
  }
  const flips = 1 + pick(8);
  for (let i = 0; i < flips; i += 1) bytes[pick(bytes.length)] = pick(256);
  return { name: `${name} ${flips} random bytes`, bytes };
}

/** Every mutant of every seed file; `readSeed` reads a file of the pydicom corpus by name. */
export function generateMutants(readSeed: (seed: string) => Uint8Array): Mutant[] {
  const mutants: Mutant[] = [];
  for (const [seedIndex, seed] of MUTATION_SEEDS.entries()) {
    const original = readSeed(seed);
    const random = seededRandom(0x5eed + seedIndex);
    const vrs = vrOffsets(original);
    for (let i = 0; i < MUTATIONS_PER_SEED; i += 1) mutants.push(mutate(seed, original, vrs, random, i));
  }
  return mutants;
}
