// Which decoder handles the pixels of each transfer syntax (PS3.5 §10, Annex A; PS3.6 Table A-1).
import { AppError } from '../../shared/result';
import type { FrameMarker } from './encapsulated-frames';
import type { WasmCodec } from './wasm-codecs';

export type PixelCodec =
  | { kind: 'native'; littleEndian: boolean }
  | { kind: 'encapsulated-uncompressed' }
  | { kind: 'rle' }
  | { kind: 'wasm'; codec: WasmCodec };

interface Entry {
  name: string;
  codec: PixelCodec;
  marker: FrameMarker;
}

const jpeg = (name: string): Entry => ({ name, codec: { kind: 'wasm', codec: 'jpeg' }, marker: 'jpeg' });
const jpegLs = (name: string): Entry => ({ name, codec: { kind: 'wasm', codec: 'jpeg-ls' }, marker: 'jpeg' });
const j2k = (name: string): Entry => ({ name, codec: { kind: 'wasm', codec: 'jpeg-2000' }, marker: 'j2k' });
const htj2k = (name: string): Entry => ({ name, codec: { kind: 'wasm', codec: 'htj2k' }, marker: 'j2k' });
const jpegXl = (name: string): Entry => ({ name, codec: { kind: 'wasm', codec: 'jpeg-xl' }, marker: 'jxl' });

const CODECS: Record<string, Entry> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', codec: { kind: 'native', littleEndian: true }, marker: 'none' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', codec: { kind: 'native', littleEndian: true }, marker: 'none' },
  // The deflated dataset is inflated by the parser; its pixels are then native little endian (A.5).
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', codec: { kind: 'native', littleEndian: true }, marker: 'none' },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', codec: { kind: 'native', littleEndian: false }, marker: 'none' },
  '1.2.840.10008.1.2.1.98': { name: 'Encapsulated Uncompressed Explicit VR Little Endian', codec: { kind: 'encapsulated-uncompressed' }, marker: 'none' },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', codec: { kind: 'rle' }, marker: 'rle' },
  '1.2.840.10008.1.2.4.50': jpeg('JPEG Baseline (Process 1)'),
  '1.2.840.10008.1.2.4.51': jpeg('JPEG Extended (Process 2 & 4)'),
  '1.2.840.10008.1.2.4.57': jpeg('JPEG Lossless (Process 14)'),
  '1.2.840.10008.1.2.4.70': jpeg('JPEG Lossless SV1 (Process 14, Selection Value 1)'),
  '1.2.840.10008.1.2.4.80': jpegLs('JPEG-LS Lossless'),
  '1.2.840.10008.1.2.4.81': jpegLs('JPEG-LS Near-Lossless'),
  '1.2.840.10008.1.2.4.90': j2k('JPEG 2000 Lossless'),
  '1.2.840.10008.1.2.4.91': j2k('JPEG 2000'),
  '1.2.840.10008.1.2.4.92': j2k('JPEG 2000 Part 2 Multi-component Lossless'),
  '1.2.840.10008.1.2.4.93': j2k('JPEG 2000 Part 2 Multi-component'),
  '1.2.840.10008.1.2.4.201': htj2k('High-Throughput JPEG 2000 Lossless'),
  '1.2.840.10008.1.2.4.202': htj2k('High-Throughput JPEG 2000 with RPCL Lossless'),
  '1.2.840.10008.1.2.4.203': htj2k('High-Throughput JPEG 2000'),
  // JPEG XL (PS3.5 A.4.11, Supplement 232).
  '1.2.840.10008.1.2.4.110': jpegXl('JPEG XL Lossless'),
  '1.2.840.10008.1.2.4.111': jpegXl('JPEG XL JPEG Recompression'),
  '1.2.840.10008.1.2.4.112': jpegXl('JPEG XL'),
};

export function pixelCodecFor(transferSyntaxUID: string): Entry {
  const entry = CODECS[transferSyntaxUID];
  if (!entry) {
    throw new AppError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `Images in transfer syntax ${transferSyntaxUID || '(none)'} cannot be decoded here (video, JPIP and retired JPEG processes are not supported); ask the sender for an uncompressed, JPEG, JPEG-LS, JPEG 2000 or RLE copy.`,
    );
  }
  return entry;
}

export const DECODABLE_TRANSFER_SYNTAXES: readonly string[] = Object.keys(CODECS);
