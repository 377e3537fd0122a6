import { describe, expect, it } from 'vitest';
import { codestreamSize } from '../../../../electron/core/pixels/codestream-header';
import { paletteToRgb, planarToInterleaved, upsample422, ybrFullToRgb } from '../../../../electron/core/pixels/colour-transforms';
import { applyLut, applyRescale } from '../../../../electron/core/pixels/value-luts';

describe('colour models (PS3.3 C.7.6.3.1.2)', () => {
  it('converts YBR_FULL to RGB with the inverse of the standard matrix', () => {
    // Forward transform of pure red (255, 0, 0): Y = 76.245, Cb = 84.97, Cr = 255.5 → 76, 85, 255.
    const values = new Uint8Array([76, 85, 255, 128, 128, 128]);
    ybrFullToRgb(values, 8);
    expect(Array.from(values)).toEqual([254, 0, 0, 128, 128, 128]);
  });

  it('upsamples Y1 Y2 Cb Cr pairs and interleaves planar frames', () => {
    expect(Array.from(upsample422(new Uint8Array([10, 20, 100, 200]), 2))).toEqual([10, 100, 200, 20, 100, 200]);
    expect(Array.from(planarToInterleaved(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2, 2))).toEqual([1, 3, 5, 2, 4, 6, 7, 9, 11, 8, 10, 12]);
  });

  it('expands a segmented palette (discrete, linear and indirect segments, C.7.9.2)', () => {
    const words = (values: number[]) => [{ vr: 'OW', Value: [new Uint16Array(values).buffer] }];
    const segmented = [0, 2, 10, 20, 1, 2, 40, 2, 1, 0, 0]; // discrete 10,20; linear to 40 in 2 steps; indirect copy of segment 0
    const dict = {
      '00281101': { vr: 'US', Value: [7, 0, 16] },
      '00281221': words(segmented)[0],
      '00281222': words(segmented)[0],
      '00281223': words(segmented)[0],
    };
    const rgb = paletteToRgb(new Uint16Array([0, 1, 2, 3, 4, 5]), dict, true);
    expect(Array.from(rgb).filter((_, i) => i % 3 === 0)).toEqual([10, 20, 30, 40, 10, 20]);
  });
});

describe('modality LUT (PS3.3 C.11.1)', () => {
  it('keeps rescaled CT in int16 and falls back to float32 for fractional slopes', () => {
    const hu = applyRescale(new Uint16Array([0, 1024, 4095]), [{ slope: 1, intercept: -1024, type: 'HU' }], 3);
    expect(hu).toBeInstanceOf(Int16Array);
    expect(Array.from(hu)).toEqual([-1024, 0, 3071]);
    const wide = applyRescale(new Int16Array([-32768, 32767]), [{ slope: 1, intercept: -1024, type: '' }], 2);
    expect(wide).toBeInstanceOf(Int32Array);
    expect(applyRescale(new Uint16Array([3]), [{ slope: 0.5, intercept: 0, type: '' }], 1)).toEqual(new Float32Array([1.5]));
  });

  it('clamps values outside a LUT to its first and last entries', () => {
    const lut = { firstMapped: -2, bitsPerEntry: 16, entries: new Uint16Array([100, 200, 300]), explanation: '' };
    expect(Array.from(applyLut(new Int16Array([-5, -2, -1, 0, 9]), lut))).toEqual([100, 100, 200, 300, 300]);
  });
});

describe('codestream headers', () => {
  it('reads the frame size from a JPEG SOF and a JPEG 2000 SIZ marker', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0xff, 0xc3, 0x00, 0x0b, 16, 0x01, 0x00, 0x02, 0x00, 1, 1, 0x11, 0]);
    expect(codestreamSize('jpeg', jpeg)).toEqual({ width: 512, height: 256, components: 1 });
    const siz = new Uint8Array(60);
    siz.set([0xff, 0x4f, 0xff, 0x51, 0, 41, 0, 0]);
    const view = new DataView(siz.buffer);
    view.setUint32(8, 640);
    view.setUint32(12, 480);
    view.setUint16(40, 3);
    expect(codestreamSize('j2k', siz)).toEqual({ width: 640, height: 480, components: 3 });
  });
});
