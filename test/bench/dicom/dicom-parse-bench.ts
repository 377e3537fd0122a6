// DICOM header parsing rate over every real file in ../shared/data (`npm run bench:dicom`).
// Ours: parseDicom on the calling thread (bytes already in memory, then including the file
// read), and DicomParsePool.parseFile (read + sha256 + parse in workers, the import path).
// References in the same script on the same files: dcmtk's dcmdump (one process for all files,
// -M so it skips long values such as pixel data, output discarded) and dcmjs's
// DicomMessage.readFile (bytes in memory). Prints a table and one JSON line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import path from 'node:path';
import { DicomParsePool } from '../../../electron/core/dicom/dicom-parse-pool';
import { parseDicom } from '../../../electron/core/dicom/parse-dicom';
import { SHARED_DATA } from '../../support/shared-data';

const RUNS = Number(process.env.DICOM_BENCH_RUNS ?? 5);

/** Raw dcmjs, the reference (loaded untyped: its declarations live with the core project). */
const { data, log } = createRequire(import.meta.url)('dcmjs') as {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer): unknown } };
  log: { setLevel(level: string): void; getLogger(name: string): { setLevel(level: string): void } };
};

function dicomFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!/\.(txt|md|json|xml)$/.test(name)) out.push(full);
    }
  };
  walk(SHARED_DATA);
  return out;
}

interface Figure {
  name: string;
  seconds: number;
  files: number;
  bytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timeRuns(run: () => void): number {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    run();
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(seconds);
}

async function main(): Promise<void> {
  const files = dicomFiles();
  const buffers = files.map((f) => readFileSync(f));
  const bytes = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  // Only files both parsers accept are timed, so rejections do not skew the rate.
  const valid = buffers.filter((b) => {
    try {
      parseDicom(b);
      return true;
    } catch {
      return false;
    }
  });
  const validBytes = valid.reduce((sum, b) => sum + b.byteLength, 0);
  const validFiles = files.filter((_, i) => valid.includes(buffers[i]!));
  const figures: Figure[] = [];

  figures.push({ name: 'parseDicom, bytes in memory', seconds: timeRuns(() => valid.forEach((b) => parseDicom(b))), files: valid.length, bytes: validBytes });
  figures.push({
    name: 'parseDicom incl. readFileSync',
    seconds: timeRuns(() => validFiles.forEach((f) => parseDicom(readFileSync(f)))),
    files: valid.length,
    bytes: validBytes,
  });

  const pool = new DicomParsePool();
  await Promise.all(validFiles.slice(0, pool.concurrency * 4).map((f) => pool.parseFile(f))); // start and warm the workers
  const poolSeconds: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    await Promise.all(validFiles.map((f) => pool.parseFile(f)));
    poolSeconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  await pool.close();
  figures.push({ name: `DicomParsePool.parseFile (${pool.concurrency} workers, + sha256)`, seconds: median(poolSeconds), files: valid.length, bytes: validBytes });

  log.setLevel('silent');
  log.getLogger('validation.dcmjs').setLevel('silent');
  figures.push({
    name: 'reference: dcmjs DicomMessage.readFile, in memory',
    seconds: timeRuns(() =>
      valid.forEach((b) => {
        try {
          data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
        } catch {
          // dcmjs cannot read files without a preamble; the rate counts them anyway
        }
      }),
    ),
    files: valid.length,
    bytes: validBytes,
  });
  figures.push({
    name: 'reference: dcmtk dcmdump -M (one process)',
    seconds: timeRuns(() => {
      spawnSync('dcmdump', ['-q', '-M', ...validFiles], { stdio: ['ignore', 'ignore', 'ignore'] });
    }),
    files: valid.length,
    bytes: validBytes,
  });

  console.log(`DICOM parse benchmark: ${files.length} files (${(bytes / 1e6).toFixed(1)} MB) in ${SHARED_DATA}, ${valid.length} valid; median of ${RUNS} runs; ${cpus().length} cores`);
  for (const f of figures) {
    console.log(`${f.name.padEnd(62)} ${(f.files / f.seconds).toFixed(0).padStart(8)} files/s ${(f.bytes / 1e6 / f.seconds).toFixed(0).padStart(7)} MB/s  (${(f.seconds * 1000).toFixed(0)} ms)`);
  }
  console.log(
    JSON.stringify({
      bench: 'dicom-parse',
      files: valid.length,
      megabytes: Number((validBytes / 1e6).toFixed(1)),
      results: figures.map((f) => ({ name: f.name, filesPerSecond: Math.round(f.files / f.seconds), megabytesPerSecond: Math.round(f.bytes / 1e6 / f.seconds) })),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
