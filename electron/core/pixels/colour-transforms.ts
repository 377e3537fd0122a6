// Colour models to interleaved RGB (PS3.3 C.7.6.3.1.2): planar → interleaved, YBR_FULL → RGB,
// native YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair) → full resolution, PALETTE COLOR through the
// Palette Color LUTs (C.7.6.3.1.5-6, C.7.9, segmented LUTs C.7.9.2).
import { AppError } from '../../shared/result';
import type { PixelArray } from './decoded-pixels';
import { type DatasetDict, binary, numbers } from './pixel-dataset';
import { allocate } from './stored-values';

/** Planar Configuration 1 (RRR…GGG…BBB… per frame) to interleaved RGBRGB… */
export function planarToInterleaved(values: PixelArray, frames: number, pixels: number): PixelArray {
  const out = allocate(dtypeOf(values), values.length);
  for (let f = 0; f < frames; f++) {
    const base = f * pixels * 3;
    for (let p = 0; p < pixels; p++) {
      out[base + p * 3] = values[base + p] as number;
      out[base + p * 3 + 1] = values[base + pixels + p] as number;
      out[base + p * 3 + 2] = values[base + 2 * pixels + p] as number;
    }
  }
  return out;
}

/** YBR_FULL_422 native: each pair of pixels shares Cb and Cr (Y1 Y2 Cb Cr); output is YBR_FULL. */
export function upsample422(values: PixelArray, pixels: number): PixelArray {
  const out = allocate(dtypeOf(values), pixels * 3);
  for (let p = 0, i = 0; p < pixels && i + 3 < values.length; p += 2, i += 4) {
    const cb = values[i + 2] as number;
    const cr = values[i + 3] as number;
    out[p * 3] = values[i] as number;
    out[p * 3 + 1] = cb;
    out[p * 3 + 2] = cr;
    if (p + 1 < pixels) {
      out[p * 3 + 3] = values[i + 1] as number;
      out[p * 3 + 4] = cb;
      out[p * 3 + 5] = cr;
    }
  }
  return out;
}

/** YBR_FULL → RGB in place with the inverse of the PS3.3 C.7.6.3.1.2 matrix, rounded and clamped. */
export function ybrFullToRgb(values: PixelArray, bitsStored: number): void {
  const half = 2 ** (bitsStored - 1);
  const max = 2 ** bitsStored - 1;
  const gCb = (0.114 * 1.772) / 0.587;
  const gCr = (0.299 * 1.402) / 0.587;
  const clamp = (v: number) => Math.min(max, Math.max(0, Math.floor(v + 0.5)));
  for (let i = 0; i + 2 < values.length; i += 3) {
    const y = values[i] as number;
    const cb = (values[i + 1] as number) - half;
    const cr = (values[i + 2] as number) - half;
    values[i] = clamp(y + 1.402 * cr);
    values[i + 1] = clamp(y - gCb * cb - gCr * cr);
    values[i + 2] = clamp(y + 1.772 * cb);
  }
}

const PALETTE = {
  descriptor: ['00281101', '00281102', '00281103'],
  data: ['00281201', '00281202', '00281203'],
  segmented: ['00281221', '00281222', '00281223'],
} as const;

/** PALETTE COLOR indices → interleaved RGB; 8-bit entries give uint8, 16-bit entries uint16. */
export function paletteToRgb(indices: PixelArray, dict: DatasetDict, littleEndian: boolean): PixelArray {
  const descriptor = numbers(dict, PALETTE.descriptor[0]);
  if (descriptor.length < 3) {
    throw new AppError('DECODE_FAILED', 'PALETTE COLOR image without a Red Palette Color Lookup Table Descriptor (0028,1101).');
  }
  const entries = descriptor[0] === 0 ? 65536 : (descriptor[0] as number);
  const firstMapped = descriptor[1] as number;
  const luts = [0, 1, 2].map((c) => paletteLut(dict, c, entries, descriptor[2] as number, littleEndian));
  const depth = Math.max(...luts.map((l) => l.bits));
  const out = depth > 8 ? new Uint16Array(indices.length * 3) : new Uint8Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    const index = Math.min(entries - 1, Math.max(0, (indices[i] as number) - firstMapped));
    for (let c = 0; c < 3; c++) {
      const lut = (luts[c] as { values: ArrayLike<number> }).values;
      out[i * 3 + c] = lut[Math.min(index, lut.length - 1)] as number;
    }
  }
  return out;
}

function paletteLut(dict: DatasetDict, component: number, entries: number, nominalBits: number, littleEndian: boolean): { values: ArrayLike<number>; bits: number } {
  const data = binary(dict, PALETTE.data[component] as string);
  if (data) {
    // Entries are 8 or 16 bits; trust the data length over the descriptor, as pydicom and dcmtk
    // do, because writers disagree on how 8-bit tables are stored (C.7.6.3.1.6).
    const bits = data.byteLength >= entries * 2 ? 16 : 8;
    if (bits === 8) return { values: data, bits };
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { values: Uint16Array.from({ length: entries }, (_, i) => view.getUint16(i * 2, littleEndian)), bits };
  }
  const segmented = binary(dict, PALETTE.segmented[component] as string);
  if (!segmented) throw new AppError('DECODE_FAILED', 'PALETTE COLOR image without Palette Color Lookup Table Data (0028,1201-1203).');
  const view = new DataView(segmented.buffer, segmented.byteOffset, segmented.byteLength);
  const words = nominalBits === 8 ? Array.from(segmented) : Array.from({ length: segmented.byteLength >> 1 }, (_, i) => view.getUint16(i * 2, littleEndian));
  return { values: expandSegmented(words, nominalBits), bits: nominalBits };
}

/** Segmented palette (C.7.9.2): discrete (0), linear (1) and indirect (2) segments. */
function expandSegmented(words: number[], bits: number, start = 0, limit = Infinity, previous?: number): number[] {
  const lut: number[] = [];
  let i = start;
  let segments = 0;
  while (i + 1 < words.length && segments < limit) {
    const opcode = words[i] as number;
    const length = words[i + 1] as number;
    i += 2;
    if (opcode === 0) {
      lut.push(...words.slice(i, i + length));
      i += length;
    } else if (opcode === 1) {
      const y0 = lut.length > 0 ? (lut[lut.length - 1] as number) : previous;
      if (y0 === undefined) throw new AppError('DECODE_FAILED', 'A segmented palette starts with a linear segment (PS3.3 C.7.9.2.2).');
      const y1 = words[i++] as number;
      for (let k = 1; k <= length; k++) lut.push(Math.round(y0 + ((y1 - y0) * k) / length));
    } else if (opcode === 2) {
      if (lut.length === 0) throw new AppError('DECODE_FAILED', 'A segmented palette starts with an indirect segment (PS3.3 C.7.9.2.3).');
      const offset = bits === 8 ? ((words[i] as number) << 24) | ((words[i + 1] as number) << 16) | ((words[i + 2] as number) << 8) | (words[i + 3] as number) : ((words[i + 1] as number) << 16) | (words[i] as number);
      i += bits === 8 ? 4 : 2;
      lut.push(...expandSegmented(words, bits, offset, length, lut[lut.length - 1]));
    } else {
      throw new AppError('DECODE_FAILED', `Unknown segmented palette opcode ${opcode} (PS3.3 C.7.9.2).`);
    }
    segments++;
  }
  return lut;
}

export function dtypeOf(values: PixelArray) {
  if (values instanceof Uint8Array) return 'uint8' as const;
  if (values instanceof Int16Array) return 'int16' as const;
  if (values instanceof Uint16Array) return 'uint16' as const;
  if (values instanceof Int32Array) return 'int32' as const;
  if (values instanceof Uint32Array) return 'uint32' as const;
  return 'float32' as const;
}
