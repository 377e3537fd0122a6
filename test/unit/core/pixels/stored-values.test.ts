import { describe, expect, it } from 'vitest';
import { nativeFrameValues, valuesFromBytes } from '../../../../electron/core/pixels/stored-values';
import { pixelModule } from './module-fixture';

describe('stored values (PS3.5 §8.1.1)', () => {
  it('masks bits above High Bit and sign-extends 12-bit signed values', () => {
    // 0xF800 | 0x0FFF: overlay bits set above a stored -1; 0x0800 is the most negative 12-bit value.
    const bytes = new Uint8Array(new Uint16Array([0xffff, 0x0800, 0x07ff, 0xf001]).buffer);
    const values = valuesFromBytes(bytes, pixelModule({ bitsStored: 12, highBit: 11, pixelRepresentation: 1 }), true);
    expect(values).toBeInstanceOf(Int16Array);
    expect(Array.from(values)).toEqual([-1, -2048, 2047, 1]);
  });

  it('takes the stored bits below a High Bit that is not Bits Stored - 1', () => {
    const bytes = new Uint8Array(new Uint16Array([0x0ff0, 0x0010]).buffer);
    const values = valuesFromBytes(bytes, pixelModule({ bitsStored: 8, highBit: 11 }), true);
    expect(Array.from(values)).toEqual([0xff, 0x01]);
  });

  it('reads big-endian 16- and 32-bit samples', () => {
    expect(Array.from(valuesFromBytes(new Uint8Array([0x01, 0x02, 0xff, 0xfe]), pixelModule({ pixelRepresentation: 1 }), false))).toEqual([0x0102, -2]);
    const m = pixelModule({ bitsAllocated: 32, bitsStored: 32, highBit: 31 });
    expect(Array.from(valuesFromBytes(new Uint8Array([0x00, 0x13, 0x0e, 0xe8]), m, false))).toEqual([0x00130ee8]);
  });

  it('unpacks 1-bit frames that do not start on a byte boundary, LSB first', () => {
    // Two 3×3 frames = 18 bits: frame 1 is bits 0-8, frame 2 bits 9-17.
    const m = pixelModule({ rows: 3, columns: 3, bitsAllocated: 1, bitsStored: 1, highBit: 0, numberOfFrames: 2 });
    const bits = [1, 0, 1, 1, 0, 0, 0, 1, 1, /* frame 2 */ 0, 1, 1, 1, 0, 0, 1, 0, 1];
    const bytes = new Uint8Array(3);
    bits.forEach((b, i) => (bytes[i >> 3] = (bytes[i >> 3] as number) | (b << (i & 7))));
    expect(Array.from(nativeFrameValues(bytes, m, 1, 1, true))).toEqual(bits.slice(9));
    expect(Array.from(nativeFrameValues(bytes, m, 0, 2, true))).toEqual(bits);
  });

  it('refuses pixel data shorter than the header promises', () => {
    expect(() => nativeFrameValues(new Uint8Array(6), pixelModule(), 0, 1, true)).toThrow(expect.objectContaining({ code: 'PIXEL_DATA_LENGTH_MISMATCH' }));
  });
});
