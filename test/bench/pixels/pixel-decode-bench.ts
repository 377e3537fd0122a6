// Pixel decoding speed per codec on the same real 512² frame (NEMA WG04 CT1, signed 16-bit), run
// with `npx tsx test/bench/pixels/pixel-decode-bench.ts`. Ours: readPixelsFromDataset on an
// already parsed dataset (decode only), fastest and median of RUNS after one warm-up (the fastest
// run is the figure to compare: the build machines are shared and medians carry their load). References in the
// same script on the same files: dcmtk (dcmdjpeg / dcmdjpls / dcmdrle) and gdcm (gdcmconv --raw)
// as whole processes; their net decode time is the process time minus the same tool rewriting
// the uncompressed REF file (start-up, parse and write). For JPEG-LS and JPEG 2000 the
// alternative WASM builds are timed too: dcmjs-codecs' CharLS against @cornerstonejs/codec-charls.
// Prints a table and one JSON line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPixelsFromDataset, parseForPixels } from '../../../electron/core/pixels/read-pixels';
import { binaryParts } from '../../../electron/core/pixels/pixel-dataset';
import { readImagePixelModule } from '../../../electron/core/pixels/image-pixel-module';
import { loadWasmCodecs } from '../../../electron/core/pixels/wasm-codecs';
import { sharedData } from '../../support/shared-data';

const RUNS = Number(process.env.PIXEL_BENCH_RUNS ?? 9);
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
  const baseline = {
    dcmtk: timeProcess('dcmconv', [wg04('REF', 'CT1_UNC'), out]),
    gdcm: timeProcess('gdcmconv', ['--raw', wg04('REF', 'CT1_UNC'), out]),
  };
  const rows: Record<string, number | string>[] = [];
  for (const v of VARIANTS) {
    const file = wg04(v.folder, v.file);
    if (!existsSync(file)) continue;
    const dataset = parseForPixels(readFileSync(file));
    await readPixelsFromDataset(dataset);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await readPixelsFromDataset(dataset);
      times.push(performance.now() - t);
    }
    const dcmtk = v.dcmtk ? timeProcess(v.dcmtk, [file, out]) - baseline.dcmtk : Number.NaN;
    const gdcm = v.folder === 'REF' ? Number.NaN : timeProcess('gdcmconv', ['--raw', file, out]) - baseline.gdcm;
    rows.push({ codec: v.codec, file: v.file, oursMs: round(Math.min(...times)), oursMedianMs: round(median(times)), dcmtkNetMs: round(dcmtk), gdcmNetMs: round(gdcm) });
  }
  rows.push(...(await alternativeJpegLs(wg04('JLSL', 'CT1_JLSL'))));
  rmSync(work, { recursive: true, force: true });
  console.table(rows);
  console.log(`WASM codecs instantiated in ${round(wasmInitMs)} ms; process baselines: dcmconv ${round(baseline.dcmtk)} ms, gdcmconv ${round(baseline.gdcm)} ms`);
  console.log(JSON.stringify({ bench: 'pixel-decode', frame: '512x512 int16', runs: RUNS, wasmInitMs: round(wasmInitMs), rows }));
}

/** The JPEG-LS choice: CharLS in dcmjs-codecs vs @cornerstonejs/codec-charls on the same frame. */
async function alternativeJpegLs(file: string): Promise<Record<string, number | string>[]> {
  const dataset = parseForPixels(readFileSync(file));
  const m = readImagePixelModule(dataset.dict);
  const frame = binaryParts(dataset.dict, '7FE00010').reduce((a, b) => new Uint8Array([...a, ...b]));
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
  return [{ codec: 'JPEG-LS lossless, dcmjs-codecs CharLS (not used)', file: path.basename(file), oursMs: round(Math.min(...times)), oursMedianMs: round(median(times)), dcmtkNetMs: Number.NaN, gdcmNetMs: Number.NaN }];
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : Number.NaN);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
