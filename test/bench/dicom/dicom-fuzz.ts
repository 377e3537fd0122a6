// Long fuzz run of the DICOM parser, beyond the 616 mutants CI runs (`npm run fuzz:dicom`, tsx).
// Mutates real files from ../shared/data/conformance and pydicom's charset corpus with a seeded
// PRNG (truncation, header-region byte damage, absurd 32-bit lengths, scattered damage) and runs
// parseDicom and readTextElements in-process. Counts crashes (anything but an AppError with a
// known code) and parses slower than 200 ms, saving each offender to $TMPDIR for replay.
// FUZZ_ITERATIONS (default 20,000) and FUZZ_SEED set the run. Prints figures and one JSON line.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDicom } from '../../../electron/core/dicom/parse-dicom';
import { readTextElements } from '../../../electron/core/dicom/text-elements';
import { isErrorCode } from '../../../electron/shared/result';
import { SHARED_DATA } from '../../support/shared-data';
import { seededRandom } from '../../support/seeded-random';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 12345);
const SLOW_MS = 200;
const CHARSET_FILES = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';

function sources(): Buffer[] {
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (!/\.(txt|md|json|xml)$/.test(name) && stat.size < 600_000) out.push(readFileSync(full));
    }
  };
  walk(path.join(SHARED_DATA, 'conformance'));
  try {
    walk(CHARSET_FILES);
  } catch {
    // pydicom not installed: the conformance files alone
  }
  return out;
}

function main(): void {
  const files = sources();
  const random = seededRandom(SEED);
  const pick = (n: number) => Math.floor(random() * n);
  const codes: Record<string, number> = {};
  const offenders: string[] = [];
  let crashes = 0;
  let slow = 0;
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i += 1) {
    const source = files[pick(files.length)]!;
    let bytes = new Uint8Array(source);
    const kind = pick(4);
    // Structure lives in the first few KB, so most damage goes there.
    const header = Math.min(bytes.length, 4096);
    if (kind === 0) bytes = bytes.subarray(0, pick(bytes.length));
    else if (kind === 1) for (let j = 0, n = 1 + pick(4); j < n; j += 1) bytes[pick(header)] = pick(256);
    else if (kind === 2 && header > 4) new DataView(bytes.buffer).setUint32(pick(header - 4), [0xffffffff, 0xfffffff0, 0x7fffffff, pick(1 << 16)][pick(4)]!, true);
    else for (let j = 0, n = 1 + pick(16); j < n; j += 1) bytes[pick(bytes.length)] = pick(256);
    for (const parse of [parseDicom, readTextElements]) {
      const t = performance.now();
      let bad = false;
      try {
        parse(bytes);
        codes.accepted = (codes.accepted ?? 0) + 1;
      } catch (error) {
        const { name, code } = error as { name?: string; code?: string };
        if (name === 'AppError' && isErrorCode(code)) codes[code] = (codes[code] ?? 0) + 1;
        else {
          crashes += 1;
          bad = true;
        }
      }
      const slowParse = performance.now() - t > SLOW_MS;
      if (slowParse) slow += 1;
      if ((bad || slowParse) && offenders.length < 20) {
        const file = path.join(tmpdir(), `dicom-fuzz-${SEED}-${i}-${parse.name}.dcm`);
        writeFileSync(file, bytes);
        offenders.push(file);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`DICOM fuzz: ${ITERATIONS} mutants of ${files.length} files, seed ${SEED}, ${seconds.toFixed(1)} s`);
  console.log(`crashes ${crashes}, parses over ${SLOW_MS} ms ${slow}; outcomes ${JSON.stringify(codes)}`);
  for (const file of offenders) console.log(`  saved ${file}`);
  console.log(JSON.stringify({ bench: 'dicom-fuzz', iterations: ITERATIONS, seed: SEED, crashes, slow, seconds: Number(seconds.toFixed(1)), codes }));
  if (crashes > 0) process.exitCode = 1;
}

main();
