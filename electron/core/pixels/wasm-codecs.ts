// The WASM image codecs. dcmjs-codecs' single native-codecs module decodes JPEG (libjpeg 8/12/16
// bit: baseline, extended, lossless), JPEG 2000 (OpenJPEG), HTJ2K (OpenJPH) and JPEG XL (libjxl).
// JPEG-LS goes to CharLS from @cornerstonejs/codec-charls, which also decodes streams with a
// preset-parameters (LSE) segment that dcmjs-codecs' CharLS build traps on (WG04 MR1_JLSL). Chosen over the other
// @cornerstonejs/codec-* packages because libjpeg-turbo-8bit cannot decode 12-bit JPEG extended;
// both run unchanged in Node and in a browser or worker. Timings: test/bench/pixels/.
// Each module is instantiated lazily, once per process (~0.1-0.2 s on first use).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../../shared/result';
import { assertCodestreamMatches } from './codestream-header';
import type { ImagePixelModule } from './image-pixel-module';

type CodecsModule = typeof import('dcmjs-codecs');
type CodecContext = InstanceType<CodecsModule['Context']>;

export type WasmCodec = 'jpeg' | 'jpeg-ls' | 'jpeg-2000' | 'htj2k' | 'jpeg-xl';

// Packages find their .wasm next to their own script; inside our bundles that directory is dist/,
// so the files are resolved through node_modules from this module's location instead.
const requireHere = createRequire(import.meta.url);

let loading: Promise<CodecsModule> | undefined;
let loadingCharls: Promise<CharlsModule> | undefined;

function unavailable(error: unknown): AppError {
  return new AppError('UNAVAILABLE', `The image codecs could not be loaded (${error instanceof Error ? error.message : String(error)}).`);
}

/** dcmjs-codecs, instantiated on first use. */
export function loadWasmCodecs(): Promise<CodecsModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw unavailable(error);
  });
  return loading;
}

async function instantiate(): Promise<CodecsModule> {
  // Loaded with require from node_modules (also from the esbuild bundles, which leave it out of
  // dist/): a dynamic import() of this UMD file fails under some ESM loaders.
  const codecs = requireHere('dcmjs-codecs') as CodecsModule;
  codecs.log.setLevel('silent');
  const wasmPath = requireHere.resolve('dcmjs-codecs/build/dcmjs-native-codecs.wasm');
  await codecs.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: wasmPath, logCodecsInfo: false, logCodecsTrace: false });
  return codecs;
}

/** The slice of the CharLS Emscripten module we use (the package ships no declarations). */
interface CharlsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  getInterleaveMode(): number;
  delete(): void;
}
interface CharlsModule {
  JpegLSDecoder: new () => CharlsDecoder;
}

function loadCharls(): Promise<CharlsModule> {
  loadingCharls ??= (async () => {
    const factory = requireHere('@cornerstonejs/codec-charls/decodewasmjs') as (options: { wasmBinary: Uint8Array }) => Promise<CharlsModule>;
    return factory({ wasmBinary: readFileSync(requireHere.resolve('@cornerstonejs/codec-charls/decodewasm')) });
  })().catch((error: unknown) => {
    loadingCharls = undefined;
    throw unavailable(error);
  });
  return loadingCharls;
}

export interface CodecOutput {
  bytes: Uint8Array;
  /** Photometric interpretation of `bytes` (the JPEG decoder may have converted YBR to RGB). */
  photometricInterpretation: string;
  planarConfiguration: number;
}

/** Decodes one compressed frame; throws DECODE_FAILED when the codec fails or the size is wrong. */
export async function decodeWithWasm(codec: WasmCodec, frame: Uint8Array, m: ImagePixelModule): Promise<CodecOutput> {
  if (codec === 'jpeg-ls') return checked(codec, await decodeJpegLs(frame, m), m);
  // JPEG XL headers are bit-packed; its size is checked through the decoded length below.
  if (codec !== 'jpeg-xl') assertCodestreamMatches(codec === 'jpeg' ? 'jpeg' : 'j2k', frame, m.rows, m.columns, m.samplesPerPixel);
  const codecs = await loadWasmCodecs();
  const context: CodecContext = new codecs.Context({
    width: m.columns,
    height: m.rows,
    bitsAllocated: m.bitsAllocated,
    bitsStored: m.bitsStored,
    samplesPerPixel: m.samplesPerPixel,
    pixelRepresentation: m.pixelRepresentation,
    planarConfiguration: m.planarConfiguration,
    photometricInterpretation: m.photometricInterpretation,
    encodedBuffer: frame,
  });
  let result: CodecContext;
  try {
    const native = codecs.NativeCodecs;
    if (codec === 'jpeg') {
      // The Photometric Interpretation says what the codestream holds (PS3.5 §8.2.1): convert
      // YCbCr to RGB only when it says YBR; RGB means no colour transform was applied. dcmtk's
      // dcmdjpeg does the same by default, rather than trusting JFIF/Adobe markers.
      result = native.decodeJpeg(context, { convertColorspaceToRgb: m.photometricInterpretation.startsWith('YBR') });
    } else if (codec === 'jpeg-2000') result = native.decodeJpeg2000(context, {});
    else if (codec === 'jpeg-xl') result = native.decodeJpegXl(context, {});
    else result = native.decodeHtJpeg2000(context, {});
  } catch (error) {
    throw new AppError('DECODE_FAILED', `The ${codecName(codec)} frame could not be decoded (${error instanceof Error ? error.message : String(error)}).`);
  }
  return checked(codec, {
    bytes: result.getDecodedBuffer() ?? new Uint8Array(0),
    photometricInterpretation: result.getPhotometricInterpretation() ?? m.photometricInterpretation,
    planarConfiguration: result.getPlanarConfiguration() ?? 0,
  }, m);
}

async function decodeJpegLs(frame: Uint8Array, m: ImagePixelModule): Promise<CodecOutput> {
  const charls = await loadCharls();
  const decoder = new charls.JpegLSDecoder();
  try {
    decoder.getEncodedBuffer(frame.byteLength).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== m.columns || info.height !== m.rows || info.componentCount !== m.samplesPerPixel) {
      throw new AppError(
        'DECODE_FAILED',
        `The JPEG-LS frame is ${info.width}×${info.height}×${info.componentCount} but the header says ${m.columns}×${m.rows}×${m.samplesPerPixel}.`,
      );
    }
    return {
      bytes: decoder.getDecodedBuffer().slice(),
      photometricInterpretation: m.photometricInterpretation,
      // Interleave mode 0 (ILV none, T.87 §C.2.3) gives one plane per component.
      planarConfiguration: m.samplesPerPixel === 3 && decoder.getInterleaveMode() === 0 ? 1 : 0,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('DECODE_FAILED', `The JPEG-LS frame could not be decoded (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    decoder.delete();
  }
}

function checked(codec: WasmCodec, output: CodecOutput, m: ImagePixelModule): CodecOutput {
  const bytes = output.bytes;
  const expected = m.rows * m.columns * m.samplesPerPixel * Math.ceil(m.bitsAllocated / 8);
  if (bytes.byteLength !== expected) {
    throw new AppError(
      'DECODE_FAILED',
      `The ${codecName(codec)} codec produced ${bytes.byteLength} bytes but a ${m.columns}×${m.rows}×${m.samplesPerPixel} frame of ${m.bitsAllocated} bits needs ${expected}; the codestream does not match the header.`,
    );
  }
  return output;
}

function codecName(codec: WasmCodec): string {
  return { jpeg: 'JPEG', 'jpeg-ls': 'JPEG-LS', 'jpeg-2000': 'JPEG 2000', htj2k: 'HTJ2K', 'jpeg-xl': 'JPEG XL' }[codec];
}
