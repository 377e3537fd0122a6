// Pixel decoding for every common transfer syntax: bytes → stored values → RGB for colour →
// (optionally) modality LUT. Frames are decoded on demand; only the requested ones are touched.
import { data as dcmjsData, log as dcmjsLog } from 'dcmjs';
import '../dicom/dcmjs-charset-fix';
import { AppError } from '../../shared/result';
import { dtypeOf, paletteToRgb, planarToInterleaved, upsample422, ybrFullToRgb } from './colour-transforms';
import type { DecodedPixels, PixelArray, ReadPixelsOptions, Rescale } from './decoded-pixels';
import { encapsulatedFrames } from './encapsulated-frames';
import { hasPart10Header, inferTransferSyntax, withPart10Header } from './headerless-dataset';
import { type ImagePixelModule, TAG, readImagePixelModule } from './image-pixel-module';
import { pixelCodecFor } from './pixel-codecs';
import { type PixelDataset, binary, binaryParts, concat, text } from './pixel-dataset';
import { decodeRleFrame } from './rle-decoder';
import { allocate, nativeByteLength, nativeFrameValues, storedFromRaw, valuesFromBytes } from './stored-values';
import { assertNativePixelDataComplete } from './truncation-check';
import { applyLut, applyRescale, readModalityLut, readRescale, readVoiLuts, readWindows } from './value-luts';
import { decodeWithWasm } from './wasm-codecs';

// dcmjs reports every unknown private element on the console otherwise.
dcmjsLog.setLevel('error');
(dcmjsLog as unknown as { getLogger(name: string): { setLevel(level: string): void } }).getLogger('validation.dcmjs').setLevel('silent');

const IMPLICIT_VR = '1.2.840.10008.1.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

/**
 * Parses a DICOM file with dcmjs (the dataset `readPixelsFromDataset` takes). A dataset without
 * preamble and meta header gets one, with the transfer syntax inferred as dcmtk does.
 */
export function parseForPixels(bytes: Uint8Array): PixelDataset {
  const inferred = hasPart10Header(bytes) ? undefined : inferTransferSyntax(bytes);
  const part10 = inferred ? withPart10Header(bytes, inferred) : bytes;
  const buffer = part10.buffer.slice(part10.byteOffset, part10.byteOffset + part10.byteLength) as ArrayBuffer;
  try {
    return dcmjsData.DicomMessage.readFile(buffer, { ignoreErrors: false });
  } catch (error) {
    throw new AppError('NOT_DICOM', `The file could not be read as DICOM Part 10 (${error instanceof Error ? error.message : 'parse error'}).`);
  }
}

/** Decodes the pixels of a DICOM Part 10 file. */
export async function readPixels(bytes: Uint8Array, options: ReadPixelsOptions = {}): Promise<DecodedPixels> {
  return readPixelsFromDataset(parseForPixels(bytes), options, bytes);
}

/**
 * Decodes the pixels of an already parsed dataset (no second parse). Pass the file's bytes as
 * `file` when at hand: native pixel data is then checked for truncation, which dcmjs hides.
 */
export async function readPixelsFromDataset(dataset: PixelDataset, options: ReadPixelsOptions = {}, file?: Uint8Array): Promise<DecodedPixels> {
  const { meta, dict } = dataset;
  const transferSyntaxUID = text(meta, '00020010');
  const entry = pixelCodecFor(transferSyntaxUID);
  const m = readImagePixelModule(dict);
  const first = options.frame ?? 0;
  if (!Number.isInteger(first) || first < 0 || first >= m.numberOfFrames) {
    throw new AppError('INVALID_ARGUMENT', `Frame ${first} does not exist: the image has ${m.numberOfFrames} frame(s), numbered from 0.`);
  }
  const count = options.frame === undefined ? m.numberOfFrames : 1;
  const littleEndian = entry.codec.kind === 'native' ? entry.codec.littleEndian : true;

  let values: PixelArray;
  let photometric: string = m.photometricInterpretation;
  let planar = m.planarConfiguration as number;
  if (entry.codec.kind === 'native') {
    const bytes = binary(dict, m.pixelTag);
    if (!bytes) throw new AppError('DECODE_FAILED', 'The Pixel Data element is empty.');
    if (file && transferSyntaxUID !== DEFLATED) {
      assertNativePixelDataComplete(file, nativeByteLength(m), entry.codec.littleEndian, transferSyntaxUID !== IMPLICIT_VR);
    }
    values = nativeFrameValues(swapOwBytes(bytes, dict[m.pixelTag]?.vr, m, littleEndian), m, first, count, littleEndian);
  } else {
    const frames = encapsulatedFrames({
      parts: binaryParts(dict, m.pixelTag),
      numberOfFrames: m.numberOfFrames,
      extendedOffsets: binary(dict, TAG.extendedOffsetTable),
      marker: entry.marker,
    });
    const decoded: PixelArray[] = [];
    for (let f = first; f < first + count; f++) {
      const frame = concat(frames[f] as Uint8Array[]);
      if (entry.codec.kind === 'rle') {
        decoded.push(storedFromRaw(decodeRleFrame(frame, m), m));
        planar = 0;
      } else if (entry.codec.kind === 'encapsulated-uncompressed') {
        decoded.push(nativeFrameValues(frame, { ...m, numberOfFrames: 1 }, 0, 1, true));
      } else {
        const out = await decodeWithWasm(entry.codec.codec, frame, m);
        photometric = out.photometricInterpretation;
        planar = out.planarConfiguration;
        decoded.push(valuesFromBytes(out.bytes, m, true));
      }
    }
    values = joinFrames(decoded);
  }

  const pixels = m.rows * m.columns;
  ({ values, photometric } = toOutputColour(values, photometric, planar, m, count, dataset, littleEndian));

  const rescales: Rescale[] = Array.from({ length: count }, (_, i) => readRescale(dict, first + i));
  const signed = m.pixelRepresentation === 1;
  const modalityLut = readModalityLut(dict, littleEndian, signed);
  let modalityLutApplied = false;
  if (options.modalityLut && photometric.startsWith('MONOCHROME')) {
    if (modalityLut) values = applyLut(values, modalityLut);
    else values = applyRescale(values, rescales, pixels);
    modalityLutApplied = true;
  }

  const voiLut = readVoiLuts(dict, littleEndian, signed && !modalityLut && (rescales[0] as Rescale).slope === 1);
  return {
    rows: m.rows,
    columns: m.columns,
    frames: count,
    numberOfFrames: m.numberOfFrames,
    firstFrame: first,
    samplesPerPixel: photometric === 'RGB' ? 3 : 1,
    dtype: dtypeOf(values),
    photometricInterpretation: photometric,
    storedPhotometricInterpretation: m.photometricInterpretation,
    planarConfiguration: 0,
    bitsAllocated: m.bitsAllocated,
    bitsStored: m.bitsStored,
    pixelRepresentation: m.pixelRepresentation,
    transferSyntaxUID,
    data: values,
    rescale: rescales[0] as Rescale,
    modalityLutApplied,
    windows: readWindows(dict, first),
    ...(voiLut.length > 0 ? { voiLut } : {}),
    ...(modalityLut ? { modalityLut } : {}),
  };
}

/** Converts whatever colour model the values are in to MONOCHROME1/2 or interleaved RGB. */
function toOutputColour(
  values: PixelArray,
  photometric: string,
  planar: number,
  m: ImagePixelModule,
  frames: number,
  dataset: PixelDataset,
  littleEndian: boolean,
): { values: PixelArray; photometric: string } {
  const pixels = m.rows * m.columns;
  if (photometric.startsWith('MONOCHROME')) return { values, photometric };
  if (photometric === 'PALETTE COLOR') return { values: paletteToRgb(values, dataset.dict, littleEndian), photometric: 'RGB' };
  if (photometric === 'YBR_FULL_422' && values.length === pixels * 2 * frames) {
    const perFrame = pixels * 2;
    values = joinFrames(Array.from({ length: frames }, (_, f) => upsample422(values.subarray(f * perFrame, (f + 1) * perFrame), pixels)));
    photometric = 'YBR_FULL';
  }
  if (planar === 1) values = planarToInterleaved(values, frames, pixels);
  if (photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422') {
    ybrFullToRgb(values, m.bitsStored);
    return { values, photometric: 'RGB' };
  }
  // JPEG 2000 reverses its own component transform (YBR_RCT / YBR_ICT, PS3.5 A.4.4).
  if (photometric === 'RGB' || photometric === 'YBR_RCT' || photometric === 'YBR_ICT') return { values, photometric: 'RGB' };
  throw new AppError('DECODE_FAILED', `Photometric Interpretation ${photometric} cannot be converted to RGB for this transfer syntax.`);
}

/**
 * Explicit VR Big Endian OW holds 8- and 1-bit data in 16-bit words, so each byte pair is swapped
 * relative to the byte stream (PS3.5 §8.1.1, Annex D); wider samples are swapped per value later.
 */
function swapOwBytes(bytes: Uint8Array, vr: string | undefined, m: ImagePixelModule, littleEndian: boolean): Uint8Array {
  if (littleEndian || vr !== 'OW' || m.bitsAllocated > 8) return bytes;
  const out = new Uint8Array(bytes.byteLength);
  for (let i = 0; i + 1 < bytes.byteLength; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

function joinFrames(parts: PixelArray[]): PixelArray {
  if (parts.length === 1) return parts[0] as PixelArray;
  const out = allocate(dtypeOf(parts[0] as PixelArray), parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
