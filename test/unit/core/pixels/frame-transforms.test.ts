import { describe, expect, it } from 'vitest';
import { paletteToRgb } from '../../../../electron/core/pixels/colour-transforms';
import { valuesFromBytes } from '../../../../electron/core/pixels/stored-values';
import { readRescale, readWindows } from '../../../../electron/core/pixels/value-luts';
import { pixelModule } from './module-fixture';

const ds = (value: string | number) => ({ vr: 'DS', Value: [value] });
const sq = (...items: object[]) => ({ vr: 'SQ', Value: items });

describe('per-frame functional groups (PS3.3 C.7.6.16.2.9-10)', () => {
  // Frame 2 has its own Pixel Value Transformation; frame 1 falls back to the shared group.
  const dict = {
    '52009229': sq({ '00289145': sq({ '00281053': ds(2), '00281052': ds(-10), '00281054': { vr: 'LO', Value: ['US'] } }) }),
    '52009230': sq({ '00289132': sq({ '00281050': ds(40), '00281051': ds(400) }) }, { '00289145': sq({ '00281053': ds(1), '00281052': ds(-1024) }) }),
  };

  it('takes the rescale of each frame from its own item, else from the shared item', () => {
    expect(readRescale(dict, 0)).toEqual({ slope: 2, intercept: -10, type: 'US' });
    expect(readRescale(dict, 1)).toEqual({ slope: 1, intercept: -1024, type: '' });
  });

  it('takes window presets from the Frame VOI LUT macro', () => {
    expect(readWindows(dict, 0)).toEqual([{ center: 40, width: 400, explanation: '' }]);
    expect(readWindows(dict, 1)).toEqual([]);
  });
});

describe('sample types', () => {
  it('reads Float Pixel Data as float32 and signed 8-bit as int16', () => {
    const floats = new Uint8Array(new Float32Array([1.5, -2.25]).buffer);
    expect(Array.from(valuesFromBytes(floats, pixelModule({ pixelTag: '7FE00008', bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelRepresentation: 1 }), true))).toEqual([1.5, -2.25]);
    const signed8 = valuesFromBytes(new Uint8Array([0x7f, 0x80, 0xff]), pixelModule({ bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 1 }), true);
    expect(signed8).toBeInstanceOf(Int16Array);
    expect(Array.from(signed8)).toEqual([127, -128, -1]);
  });

  it('maps palette indices through 8-bit entries to uint8 RGB, clamping below First Mapped', () => {
    const lut = (values: number[]) => ({ vr: 'OW', Value: [new Uint8Array(values).buffer] });
    const dict = {
      '00281101': { vr: 'US', Value: [4, 10, 8] },
      '00281201': lut([0, 50, 100, 250]),
      '00281202': lut([1, 2, 3, 4]),
      '00281203': lut([9, 8, 7, 6]),
    };
    const rgb = paletteToRgb(new Uint8Array([5, 10, 12, 200]), dict, true);
    expect(rgb).toBeInstanceOf(Uint8Array);
    expect(Array.from(rgb)).toEqual([0, 1, 9, 0, 1, 9, 100, 3, 7, 250, 4, 6]);
  });
});
