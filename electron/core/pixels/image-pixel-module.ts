// The Image Pixel Module (PS3.3 C.7.6.3) attributes that decoding depends on, validated up
// front so that a wrong header gives an error that names the attribute, not a garbage image.
import { AppError } from '../../shared/result';
import { type DatasetDict, has, number, requiredNumber, text } from './pixel-dataset';

export const TAG = {
  samplesPerPixel: '00280002',
  photometricInterpretation: '00280004',
  planarConfiguration: '00280006',
  numberOfFrames: '00280008',
  rows: '00280010',
  columns: '00280011',
  bitsAllocated: '00280100',
  bitsStored: '00280101',
  highBit: '00280102',
  pixelRepresentation: '00280103',
  extendedOffsetTable: '7FE00001',
  extendedOffsetTableLengths: '7FE00002',
  floatPixelData: '7FE00008',
  doubleFloatPixelData: '7FE00009',
  pixelData: '7FE00010',
} as const;

const PHOTOMETRICS = [
  'MONOCHROME1',
  'MONOCHROME2',
  'PALETTE COLOR',
  'RGB',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_PARTIAL_422',
  'YBR_PARTIAL_420',
  'YBR_ICT',
  'YBR_RCT',
] as const;
export type Photometric = (typeof PHOTOMETRICS)[number];

export interface ImagePixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: Photometric;
  planarConfiguration: 0 | 1;
  numberOfFrames: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  /** Which element holds the pixels: integer Pixel Data or Float / Double Float Pixel Data. */
  pixelTag: string;
}

export function readImagePixelModule(dict: DatasetDict): ImagePixelModule {
  const pixelTag = [TAG.pixelData, TAG.floatPixelData, TAG.doubleFloatPixelData].find((t) => has(dict, t));
  if (!pixelTag) throw new AppError('DECODE_FAILED', 'The object has no Pixel Data (7FE0,0010); it is not an image.');
  const rows = requiredNumber(dict, TAG.rows, 'Rows');
  const columns = requiredNumber(dict, TAG.columns, 'Columns');
  if (rows < 1 || columns < 1) throw new AppError('DECODE_FAILED', `The image size ${columns}×${rows} is not valid.`);
  const floatBits = pixelTag === TAG.floatPixelData ? 32 : pixelTag === TAG.doubleFloatPixelData ? 64 : undefined;
  const bitsAllocated = floatBits ?? requiredNumber(dict, TAG.bitsAllocated, 'Bits Allocated');
  if (![1, 8, 16, 32, 64].includes(bitsAllocated)) {
    throw new AppError('DECODE_FAILED', `Bits Allocated ${bitsAllocated} is not 1, 8, 16 or 32; the pixels cannot be decoded.`);
  }
  const bitsStored = floatBits ?? number(dict, TAG.bitsStored) ?? bitsAllocated;
  const highBit = floatBits !== undefined ? floatBits - 1 : (number(dict, TAG.highBit) ?? bitsStored - 1);
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    throw new AppError(
      'DECODE_FAILED',
      `Bits Stored ${bitsStored} / High Bit ${highBit} do not fit in Bits Allocated ${bitsAllocated} (PS3.5 §8.1.1).`,
    );
  }
  const samplesPerPixel = number(dict, TAG.samplesPerPixel) ?? 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new AppError('DECODE_FAILED', `Samples per Pixel ${samplesPerPixel} is not supported (only 1 or 3).`);
  }
  const storedPhotometric = text(dict, TAG.photometricInterpretation).toUpperCase();
  const photometric = (storedPhotometric || (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')) as Photometric;
  if (!PHOTOMETRICS.includes(photometric)) {
    throw new AppError('DECODE_FAILED', `Photometric Interpretation "${storedPhotometric}" is not supported.`);
  }
  const expectedSamples = photometric.startsWith('MONOCHROME') || photometric === 'PALETTE COLOR' ? 1 : 3;
  if (expectedSamples !== samplesPerPixel) {
    throw new AppError(
      'DECODE_FAILED',
      `Photometric Interpretation ${photometric} needs ${expectedSamples} sample(s) per pixel but the header says ${samplesPerPixel}.`,
    );
  }
  const frames = number(dict, TAG.numberOfFrames) ?? 1;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new AppError('DECODE_FAILED', `Number of Frames "${frames}" is not a positive integer.`);
  }
  const planar = number(dict, TAG.planarConfiguration) === 1 && samplesPerPixel === 3 ? 1 : 0;
  const representation = floatBits !== undefined ? 1 : number(dict, TAG.pixelRepresentation) === 1 ? 1 : 0;
  return {
    rows,
    columns,
    samplesPerPixel,
    photometricInterpretation: photometric,
    planarConfiguration: planar,
    numberOfFrames: frames,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: representation,
    pixelTag,
  };
}

/** Samples in one frame. */
export function samplesPerFrame(m: ImagePixelModule): number {
  return m.rows * m.columns * m.samplesPerPixel;
}
