// Modality LUT (PS3.3 C.11.1: Rescale Slope/Intercept or Modality LUT Sequence) and VOI
// (C.11.2: Window Center/Width with explanations, VOI LUT Sequence). Enhanced multi-frame
// objects carry them per frame or shared in functional groups (C.7.6.16.2.9, C.7.6.16.2.10).
import type { LookupTable, PixelArray, PixelDtype, Rescale, WindowPreset } from './decoded-pixels';
import { type DatasetDict, numbers, sequenceItems, text, texts, words } from './pixel-dataset';
import { allocate } from './stored-values';

const SHARED_GROUPS = '52009229';
const PER_FRAME_GROUPS = '52009230';
const PIXEL_VALUE_TRANSFORMATION = '00289145';
const FRAME_VOI_LUT = '00289132';

/** The item that holds a macro for `frame`: per-frame item first, then shared, then the top level. */
function macroSource(dict: DatasetDict, macro: string, frame: number, probe: string): DatasetDict {
  const perFrame = sequenceItems(sequenceItems(dict, PER_FRAME_GROUPS)[frame], macro)[0];
  if (perFrame && perFrame[probe]) return perFrame;
  const shared = sequenceItems(sequenceItems(dict, SHARED_GROUPS)[0], macro)[0];
  if (shared && shared[probe]) return shared;
  return dict;
}

export function readRescale(dict: DatasetDict, frame: number): Rescale {
  const source = macroSource(dict, PIXEL_VALUE_TRANSFORMATION, frame, '00281053');
  const slope = numbers(source, '00281053')[0];
  const intercept = numbers(source, '00281052')[0];
  return { slope: slope ?? 1, intercept: intercept ?? 0, type: text(source, '00281054') };
}

export function readWindows(dict: DatasetDict, frame: number): WindowPreset[] {
  const source = macroSource(dict, FRAME_VOI_LUT, frame, '00281050');
  const centers = numbers(source, '00281050');
  const widths = numbers(source, '00281051');
  const explanations = texts(source, '00281055');
  return centers.slice(0, widths.length).map((center, i) => ({ center, width: widths[i] as number, explanation: explanations[i] ?? '' }));
}

/** LUT Descriptor + Data of one LUT item (C.11.1.1.1): entries 0 → 65536; first mapped may be SS. */
function readLut(item: DatasetDict, littleEndian: boolean, signedInput: boolean): LookupTable | undefined {
  const descriptor = numbers(item, '00283002');
  const data = words(item, '00283006', littleEndian);
  if (descriptor.length < 3 || !data) return undefined;
  const entries = descriptor[0] === 0 ? 65536 : (descriptor[0] as number);
  let firstMapped = descriptor[1] as number;
  if (signedInput && firstMapped > 32767) firstMapped -= 65536;
  return { firstMapped, bitsPerEntry: descriptor[2] as number, entries: data.subarray(0, entries), explanation: text(item, '00283003') };
}

export function readModalityLut(dict: DatasetDict, littleEndian: boolean, signedInput: boolean): LookupTable | undefined {
  const item = sequenceItems(dict, '00283000')[0];
  return item ? readLut(item, littleEndian, signedInput) : undefined;
}

export function readVoiLuts(dict: DatasetDict, littleEndian: boolean, signedInput: boolean): LookupTable[] {
  return sequenceItems(dict, '00283010').flatMap((item) => readLut(item, littleEndian, signedInput) ?? []);
}

export function applyLut(values: PixelArray, lut: LookupTable): Uint16Array {
  const out = new Uint16Array(values.length);
  const last = lut.entries.length - 1;
  for (let i = 0; i < values.length; i++) {
    const index = Math.min(last, Math.max(0, (values[i] as number) - lut.firstMapped));
    out[i] = lut.entries[index] as number;
  }
  return out;
}

/**
 * Applies per-frame rescales. Integer slope and intercept keep an integer type, the narrowest of
 * int16 / int32 that holds the actual output range (CT stays int16); otherwise float32.
 */
export function applyRescale(values: PixelArray, rescales: Rescale[], frameLength: number): PixelArray {
  if (rescales.every((r) => r.slope === 1 && r.intercept === 0)) return values;
  const integral = rescales.every((r) => Number.isInteger(r.slope) && Number.isInteger(r.intercept));
  let min = Infinity;
  let max = -Infinity;
  if (integral) {
    rescales.forEach((r, f) => {
      for (let i = f * frameLength; i < (f + 1) * frameLength && i < values.length; i++) {
        const v = (values[i] as number) * r.slope + r.intercept;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    });
  }
  const dtype: PixelDtype = !integral ? 'float32' : min >= -32768 && max <= 32767 ? 'int16' : min >= -(2 ** 31) && max < 2 ** 31 ? 'int32' : 'float32';
  const out = allocate(dtype, values.length);
  rescales.forEach((r, f) => {
    for (let i = f * frameLength; i < (f + 1) * frameLength && i < values.length; i++) out[i] = (values[i] as number) * r.slope + r.intercept;
  });
  return out;
}
