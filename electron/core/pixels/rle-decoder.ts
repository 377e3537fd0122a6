// RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one PackBits
// segment per byte plane — for each sample, most significant byte first (G.2). Pure TypeScript:
// simpler and faster than a WASM round trip for a byte-oriented format.
import { AppError } from '../../shared/result';
import type { ImagePixelModule } from './image-pixel-module';

/** Decodes one RLE frame into raw interleaved words of Bits Allocated width. */
export function decodeRleFrame(frame: Uint8Array, m: ImagePixelModule): Uint8Array | Uint16Array | Uint32Array {
  const bytesPerSample = m.bitsAllocated / 8;
  if (!Number.isInteger(bytesPerSample) || bytesPerSample > 4) {
    throw new AppError('DECODE_FAILED', `RLE Lossless with Bits Allocated ${m.bitsAllocated} is not supported.`);
  }
  if (frame.byteLength < 64) throw new AppError('DECODE_FAILED', 'The RLE frame is shorter than its 64-byte header (PS3.5 G.5).');
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segments = header.getUint32(0, true);
  const expected = m.samplesPerPixel * bytesPerSample;
  if (segments !== expected) {
    throw new AppError(
      'DECODE_FAILED',
      `The RLE frame has ${segments} segments but ${m.samplesPerPixel} sample(s) of ${m.bitsAllocated} bits need ${expected} (PS3.5 G.2).`,
    );
  }
  const pixels = m.rows * m.columns;
  const offsets: number[] = [];
  for (let s = 0; s < segments; s++) offsets.push(header.getUint32(4 + s * 4, true));
  offsets.push(frame.byteLength);
  const out = bytesPerSample === 1 ? new Uint8Array(pixels * m.samplesPerPixel) : bytesPerSample === 2 ? new Uint16Array(pixels * m.samplesPerPixel) : new Uint32Array(pixels * m.samplesPerPixel);
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = offsets[s] as number;
    const end = offsets[s + 1] as number;
    if (start < 64 || end < start || start > frame.byteLength) {
      throw new AppError('DECODE_FAILED', `RLE segment ${s + 1} has an invalid offset ${start} (PS3.5 G.5).`);
    }
    unpackBits(frame.subarray(start, end), plane, s + 1);
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    const stride = m.samplesPerPixel;
    if (bytesPerSample === 1) for (let p = 0; p < pixels; p++) out[p * stride + sample] = plane[p] as number;
    else for (let p = 0, k = sample; p < pixels; p++, k += stride) out[k] = (out[k] as number) | ((plane[p] as number) << shift);
  }
  return out;
}

/** PackBits (G.3.1): n ≥ 0 copies n+1 literal bytes, −127 ≤ n ≤ −1 repeats the next byte 1−n times. */
function unpackBits(src: Uint8Array, dst: Uint8Array, segment: number): void {
  let i = 0;
  let o = 0;
  while (o < dst.length && i < src.length) {
    const n = src[i++] as number;
    if (n < 128) {
      const len = n + 1;
      if (i + len > src.length) break;
      dst.set(src.subarray(i, i + Math.min(len, dst.length - o)), o);
      i += len;
      o += len;
    } else if (n > 128) {
      const len = 257 - n;
      if (i >= src.length) break;
      dst.fill(src[i++] as number, o, Math.min(o + len, dst.length));
      o += len;
    }
  }
  if (o < dst.length) {
    throw new AppError('DECODE_FAILED', `RLE segment ${segment} decodes to ${o} bytes but the image needs ${dst.length}; the data is truncated or corrupt.`);
  }
}
