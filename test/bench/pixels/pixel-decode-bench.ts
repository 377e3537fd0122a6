// Pixel decoding speed per codec on the same real 512² frame (NEMA WG04 CT1, signed 16-bit; MR1
// for 12-bit JPEG), run with `npx tsx test/bench/pixels/pixel-decode-bench.ts`. To take process
// start-up out of the reference tools, each frame's codestream is repeated in a FRAMES-frame
// file; a tool's per-frame time is (time on that file − time on the 1-frame file) / (FRAMES − 1).
// References in the same script on the same files: dcmtk (dcmdjpeg / dcmdjpls / dcmdrle) and gdcm
// (gdcmconv --raw). Ours: readPixelsFromDataset on the parsed FRAMES-frame file, total / FRAMES.
// Each figure is the fastest of RUNS (the build machines are shared; medians carry their load).
// Also timed: dcmjs-codecs' CharLS, the JPEG-LS decoder not chosen. Prints a table and one JSON
// line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPixelsFromDataset, parseForPixels } from '../../../electron/core/pixels/read-pixels';
import { binaryParts, concat, text } from '../../../electron/core/pixels/pixel-dataset';
import { encapsulatedDicom } from '../../integration/core/pixels/encapsulated-dicom';
import { readImagePixelModule } from '../../../electron/core/pixels/image-pixel-module';
import { loadWasmCodecs } from '../../../electron/core/pixels/wasm-codecs';
import { sharedData } from '../../support/shared-data';

const RUNS = Number(process.env.PIXEL_BENCH_RUNS ?? 5);
const FRAMES = 16;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Variant {
  codec: string;
  folder: string;
  file: string;
  dcmtk?: string;
}

const VARIANTS: Variant[] = [
  { codec: 'native (explicit LE)', folder: 'REF', file: 'CT1_UNC' },
  { codec: 'RLE', folder: 'RLE', file: 'CT1_RLE', dcmtk: 'dcmdrle' },
  { codec: 'JPEG lossless SV1', folder: 'JPLL', file: 'CT1_JPLL', dcmtk: 'dcmdjpeg' },
  { codec: 'JPEG-LS lossless', folder: 'JLSL', file: 'CT1_JLSL', dcmtk: 'dcmdjpls' },
  { codec: 'JPEG-LS near-lossless', folder: 'JLSN', file: 'CT1_JLSN', dcmtk: 'dcmdjpls' },
  { codec: 'JPEG 2000 lossless', folder: 'J2KR', file: 'CT1_J2KR' },
  { codec: 'JPEG 2000 lossy', folder: 'J2KI', file: 'CT1_J2KI' },
  { codec: 'JPEG extended 12-bit', folder: 'JPLY', file: 'MR1_JPLY', dcmtk: 'dcmdjpeg' },
];

function timeProcess(command: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    if (result.status !== 0) return Number.NaN;
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

async function main() {
  const wg04 = (folder: string, file: string) => sharedData('conformance', 'wg04', folder, file);
  if (!existsSync(wg04('REF', 'CT1_UNC'))) {
    console.log('pixel-decode-bench: ../shared/data not found; nothing measured');
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'yingdu-pixel-bench-'));
  const out = path.join(work, 'out.dcm');
  const started = performance.now();
  await loadWasmCodecs();
  const wasmInitMs = performance.now() - started;
  const rows: Record<string, number | string>[] = [];
  for (const v of VARIANTS) {
    const file = wg04(v.folder, v.file);
    if (!existsSync(file)) continue;
    const single = readFileSync(file);
    const dataset = parseForPixels(single);
    const m = readImagePixelModule(dataset.dict);
    const many = path.join(work, `${v.file}-x${FRAMES}.dcm`);
    if (v.folder !== 'REF') {
      const codestream = concat(binaryParts(dataset.dict, '7FE00010'));
      writeFileSync(
        many,
        encapsulatedDicom({
          transferSyntax: text(dataset.meta, '00020010'),
          rows: m.rows,
          columns: m.columns,
          bitsAllocated: m.bitsAllocated,
          bitsStored: m.bitsStored,
          pixelRepresentation: m.pixelRepresentation,
          samplesPerPixel: 1,
          photometric: m.photometricInterpretation,
          frames: Array.from({ length: FRAMES }, () => [codestream]),
          offsetTable: 'basic',
          // Multi-frame Grayscale Byte / Word Secondary Capture (gdcm refuses multi-frame SC).
          sopClassUID: m.bitsAllocated === 8 ? '1.2.840.10008.5.1.4.1.1.7.2' : '1.2.840.10008.5.1.4.1.1.7.3',
        }),
      );
    }
    const target = v.folder === 'REF' ? dataset : parseForPixels(readFileSync(many));
    const frames = v.folder === 'REF' ? 1 : FRAMES;
    await readPixelsFromDataset(target);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await readPixelsFromDataset(target);
      times.push((performance.now() - t) / frames);
    }
    const perFrame = (tool: string, args: (input: string) => string[]) =>
      v.folder === 'REF' ? Number.NaN : (timeProcess(tool, args(many)) - timeProcess(tool, args(file))) / (FRAMES - 1);
    const dcmtk = v.dcmtk ? perFrame(v.dcmtk, (input) => [input, out]) : Number.NaN;
    const gdcm = perFrame('gdcmconv', (input) => ['--raw', input, out]);
    rows.push({ codec: v.codec, file: v.file, oursMs: round(Math.min(...times)), oursMedianMs: round(median(times)), dcmtkMs: round(dcmtk), gdcmMs: round(gdcm) });
  }
  rows.push(...(await alternativeJpegLs(wg04('JLSL', 'CT1_JLSL'))));
  rmSync(work, { recursive: true, force: true });
  console.table(rows);
  console.log(`WASM codecs instantiated in ${round(wasmInitMs)} ms (once per process); ms per frame, fastest of ${RUNS}`);
  console.log(JSON.stringify({ bench: 'pixel-decode', unit: 'ms per frame', frames: FRAMES, runs: RUNS, wasmInitMs: round(wasmInitMs), rows }));
}

/** The JPEG-LS choice: CharLS in dcmjs-codecs vs @cornerstonejs/codec-charls on the same frame. */
async function alternativeJpegLs(file: string): Promise<Record<string, number | string>[]> {
  const dataset = parseForPixels(readFileSync(file));
  const m = readImagePixelModule(dataset.dict);
  const frame = concat(binaryParts(dataset.dict, '7FE00010'));
  const codecs = await loadWasmCodecs();
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = new codecs.Context({
      width: m.columns,
      height: m.rows,
      bitsAllocated: m.bitsAllocated,
      bitsStored: m.bitsStored,
      samplesPerPixel: 1,
      pixelRepresentation: m.pixelRepresentation,
      planarConfiguration: 0,
      photometricInterpretation: 'MONOCHROME2',
      encodedBuffer: frame,
    });
    const t = performance.now();
    codecs.NativeCodecs.decodeJpegLs(context, {});
    if (i > 0) times.push(performance.now() - t);
  }
  return [{ codec: 'JPEG-LS lossless, dcmjs-codecs CharLS (not used)', file: path.basename(file), oursMs: round(Math.min(...times)), oursMedianMs: round(median(times)), dcmtkMs: Number.NaN, gdcmMs: Number.NaN }];
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : Number.NaN);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
