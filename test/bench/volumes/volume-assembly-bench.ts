// Volume assembly and NIfTI export time on real series (`npm run bench:volumes`), against the
// reference converter dcm2niix run on the same folders in the same script (its own process:
// read, sort, write an uncompressed .nii). Ours: assembleVolumes on bytes already in memory,
// and assembly plus encodeNifti plus writing the file. Prints a table and one JSON line;
// asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeNifti } from '../../../electron/core/nifti/nifti-writer';
import { assembleVolumes } from '../../../electron/core/volumes/volume-assembly';
import { sharedData } from '../../support/shared-data';

const RUNS = Number(process.env.VOLUME_BENCH_RUNS ?? 3);
const SERIES = [
  { name: 'chest CT B70f (30 × 512²)', dir: sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f') },
  { name: 'head CT, gantry tilt (28 × 512², resampled)', dir: sharedData('ct-head-gantry-tilt') },
  { name: 'Philips DWI (544 files → 17 × 32 × 112²)', dir: sharedData('mr-brain-dwi-philips') },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timeRuns(run: () => Promise<void> | void): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await run();
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(seconds);
}

async function main(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'yingdu-volume-bench-'));
  const rows: Array<{ series: string; assembleSeconds: number; assembleAndWriteSeconds: number; dcm2niixSeconds: number }> = [];
  try {
    for (const series of SERIES) {
      const files = readdirSync(series.dir)
        .filter((f) => !f.endsWith('.txt'))
        .map((f) => new Uint8Array(readFileSync(path.join(series.dir, f))));
      const assembleSeconds = await timeRuns(async () => void (await assembleVolumes(files)));
      const assembleAndWriteSeconds = await timeRuns(async () => {
        writeFileSync(path.join(out, 'ours.nii'), encodeNifti(await assembleVolumes(files)));
      });
      const dcm2niixSeconds = await timeRuns(() => {
        const run = spawnSync('dcm2niix', ['-z', 'n', '-f', 'ref', '-o', out, series.dir], { stdio: 'ignore' });
        if (run.status !== 0) throw new Error(`dcm2niix failed on ${series.name}`);
      });
      rows.push({ series: series.name, assembleSeconds, assembleAndWriteSeconds, dcm2niixSeconds });
      process.stdout.write(
        `${series.name.padEnd(46)} assemble ${assembleSeconds.toFixed(2)} s   assemble+NIfTI ${assembleAndWriteSeconds.toFixed(2)} s   dcm2niix ${dcm2niixSeconds.toFixed(2)} s\n`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ bench: 'volume-assembly', runs: RUNS, reference: 'dcm2niix', rows })}\n`);
}

void main();
