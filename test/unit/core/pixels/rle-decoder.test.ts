import { describe, expect, it } from 'vitest';
import { decodeRleFrame } from '../../../../electron/core/pixels/rle-decoder';
import { pixelModule } from './module-fixture';

/** An RLE frame (PS3.5 G.5): 64-byte header with the segment offsets, then the segments. */
function rleFrame(segments: number[][]): Uint8Array {
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    header.setUint32(4 + i * 4, offset, true);
    offset += segment.length;
  });
  return new Uint8Array([...new Uint8Array(header.buffer), ...segments.flat()]);
}

describe('RLE Lossless (PS3.5 Annex G)', () => {
  it('joins the high-byte and low-byte segments of 16-bit samples', () => {
    // High bytes: replicate run of 0x01 ×4 (0xFD = -3 → 4 bytes). Low bytes: literal run of 4.
    const frame = rleFrame([[0xfd, 0x01], [0x03, 0x10, 0x20, 0x30, 0x40]]);
    expect(Array.from(decodeRleFrame(frame, pixelModule()))).toEqual([0x0110, 0x0120, 0x0130, 0x0140]);
  });

  it('interleaves one segment per colour sample and skips the -128 no-op', () => {
    const m = pixelModule({ samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometricInterpretation: 'RGB' });
    const frame = rleFrame([[0x80, 0xfd, 0xff], [0xfd, 0x00], [0x03, 1, 2, 3, 4]]);
    expect(Array.from(decodeRleFrame(frame, m))).toEqual([255, 0, 1, 255, 0, 2, 255, 0, 3, 255, 0, 4]);
  });

  it('rejects a wrong segment count and a short segment with DECODE_FAILED', () => {
    expect(() => decodeRleFrame(rleFrame([[0xfd, 0x01]]), pixelModule())).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    expect(() => decodeRleFrame(rleFrame([[0xfd, 0x01], [0x01, 1, 2]]), pixelModule())).toThrow(/decodes to 2 bytes/);
  });
});
