// Turning the bytes of native (uncompressed) pixel data, or of a codec's output, into stored
// values: byte order, bit-packed 1-bit data (PS3.5 §8.1.1), and Bits Stored < Bits Allocated
// with High Bit (mask the unused bits, sign-extend two's complement when Pixel Representation 1).
import { AppError } from '../../shared/result';
import { allocateSamples } from '../../shared/sample-arrays';
import type { PixelArray, PixelDtype } from './decoded-pixels';
import type { ImagePixelModule } from './image-pixel-module';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The type that holds a stored sample without loss (no int8 in our set: signed 8-bit → int16). */
export function storedDtype(m: ImagePixelModule): PixelDtype {
  if (m.pixelTag !== '7FE00010') return 'float32';
  if (m.bitsAllocated <= 8) return m.pixelRepresentation === 1 ? 'int16' : 'uint8';
  if (m.bitsAllocated === 16) return m.pixelRepresentation === 1 ? 'int16' : 'uint16';
  return m.pixelRepresentation === 1 ? 'int32' : 'uint32';
}

/** `length` zeroed stored values of `dtype`. */
export const allocate: (dtype: PixelDtype, length: number) => PixelArray = allocateSamples;

/** Bytes one native frame occupies, before any bit packing (YBR_*_422 stores 2 samples per pixel). */
export function nativeSamplesPerFrame(m: ImagePixelModule): number {
  const perPixel = m.photometricInterpretation === 'YBR_FULL_422' || m.photometricInterpretation === 'YBR_PARTIAL_422' ? 2 : m.samplesPerPixel;
  return m.rows * m.columns * perPixel;
}

/** Bytes that all frames of native Pixel Data occupy (1-bit data is packed across frames). */
export function nativeByteLength(m: ImagePixelModule): number {
  const totalSamples = nativeSamplesPerFrame(m) * m.numberOfFrames;
  return m.bitsAllocated === 1 ? Math.ceil(totalSamples / 8) : totalSamples * (m.bitsAllocated / 8);
}

/**
 * Stored values of frames [first, first + count) of native Pixel Data, in the stored sample layout
 * (planar stays planar, 4:2:2 stays subsampled; colour handling comes after).
 */
export function nativeFrameValues(pixelBytes: Uint8Array, m: ImagePixelModule, first: number, count: number, littleEndian: boolean): PixelArray {
  const perFrame = nativeSamplesPerFrame(m);
  const needed = nativeByteLength(m);
  if (pixelBytes.byteLength < needed) {
    throw new AppError(
      'PIXEL_DATA_LENGTH_MISMATCH',
      `Pixel Data holds ${pixelBytes.byteLength} bytes but ${m.numberOfFrames} frame(s) of ${m.columns}×${m.rows}×${m.samplesPerPixel} at ${m.bitsAllocated} bits need ${needed}; the file is truncated or its header is wrong.`,
    );
  }
  if (m.bitsAllocated === 1) return unpackBits(pixelBytes, first * perFrame, count * perFrame);
  const start = first * perFrame * (m.bitsAllocated / 8);
  const bytes = pixelBytes.subarray(start, start + count * perFrame * (m.bitsAllocated / 8));
  return valuesFromBytes(bytes, m, littleEndian);
}

/** 1-bit data: pixels packed LSB first, frames not byte-aligned (PS3.5 §8.1.1, Annex D). */
function unpackBits(bytes: Uint8Array, firstBit: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = firstBit + i;
    out[i] = ((bytes[bit >> 3] as number) >> (bit & 7)) & 1;
  }
  return out;
}

/** Samples of Bits Allocated width (8, 16, 32, or float 32/64) from bytes, masked and sign-extended. */
export function valuesFromBytes(bytes: Uint8Array, m: ImagePixelModule, littleEndian: boolean): PixelArray {
  const width = m.bitsAllocated / 8;
  const n = Math.floor(bytes.byteLength / width);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (m.pixelTag !== '7FE00010') {
    const out = new Float32Array(n);
    if (width === 4) for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, littleEndian);
    else for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, littleEndian);
    return out;
  }
  if (width === 1) return storedFromRaw(bytes.slice(), m);
  if (littleEndian === HOST_LITTLE_ENDIAN) {
    // Same byte order as the host: one copy into an aligned buffer instead of a DataView loop.
    const copy = bytes.slice(0, n * width).buffer;
    return storedFromRaw(width === 2 ? new Uint16Array(copy) : new Uint32Array(copy), m);
  }
  const raw = width === 2 ? new Uint16Array(n) : new Uint32Array(n);
  if (width === 2) for (let i = 0; i < n; i++) raw[i] = view.getUint16(i * 2, littleEndian);
  else for (let i = 0; i < n; i++) raw[i] = view.getUint32(i * 4, littleEndian);
  return storedFromRaw(raw, m);
}

/**
 * Applies High Bit / Bits Stored to raw words: value = bits [highBit-bitsStored+1 .. highBit],
 * two's complement when signed. Bits outside that range (overlays, garbage) are dropped.
 */
export function storedFromRaw(raw: Uint8Array | Uint16Array | Uint32Array, m: ImagePixelModule): PixelArray {
  const dtype = storedDtype(m);
  const shift = m.highBit + 1 - m.bitsStored;
  const full = m.bitsStored === m.bitsAllocated;
  if (full && m.pixelRepresentation === 0) return raw;
  if (full && m.pixelRepresentation === 1) {
    if (raw instanceof Uint16Array) return new Int16Array(raw.buffer, raw.byteOffset, raw.length);
    if (raw instanceof Uint32Array) return new Int32Array(raw.buffer, raw.byteOffset, raw.length);
    return Int16Array.from(raw, (v) => (v << 24) >> 24);
  }
  const out = allocate(dtype, raw.length);
  const bits = m.bitsStored;
  if (m.pixelRepresentation === 0) {
    const mask = bits === 32 ? 0xffffffff : 2 ** bits - 1;
    for (let i = 0; i < raw.length; i++) out[i] = ((raw[i] as number) >>> shift) & mask;
  } else {
    const up = 32 - bits;
    for (let i = 0; i < raw.length; i++) out[i] = (((raw[i] as number) >>> shift) << up) >> up;
  }
  return out;
}
