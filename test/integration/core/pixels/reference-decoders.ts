// Runs the independent reference decoders (dcmtk, gdcm, pydicom; see pixel-reference.py) once
// for a batch of files and compares their values with ours.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PixelArray } from '../../../../electron/core/pixels/decoded-pixels';

export type ReferenceTool = 'pydicom' | 'dcmdjpeg' | 'dcmdjpls' | 'dcmdrle' | 'dcmconv' | 'gdcm';

export interface ReferenceRequest {
  file: string;
  tool: ReferenceTool;
  modality?: boolean;
}

export interface ReferencePixels {
  shape: number[];
  dtype: string;
  photometric: string;
  values: Float64Array;
}

const SCRIPT = path.join(__dirname, 'pixel-reference.py');

/** A python3 that can import pydicom and numpy (Debian's, not a pyenv shim without them). */
export function referencePython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import pydicom, numpy'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next interpreter
    }
  }
  return null;
}

const READERS: Record<string, (b: Buffer) => ArrayLike<number>> = {
  u1: (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  i1: (b) => new Int8Array(b.buffer, b.byteOffset, b.byteLength),
  u2: (b) => new Uint16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  i2: (b) => new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  u4: (b) => new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  i4: (b) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  f4: (b) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  f8: (b) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
};

/** Decodes every request with its reference tool; one python process for the whole batch. */
export function referenceDecode(python: string, requests: ReferenceRequest[], workDir: string): Map<string, ReferencePixels> {
  const items = requests.map((r, i) => ({ ...r, out: path.join(workDir, `ref-${i}.raw`) }));
  const stdout = execFileSync(python, ['-W', 'ignore', SCRIPT], { input: JSON.stringify(items), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const results = new Map<string, ReferencePixels>();
  const lines = stdout.trim().split('\n');
  lines.forEach((line, i) => {
    const parsed = JSON.parse(line) as { file: string; shape?: number[]; dtype?: string; photometric?: string; error?: string };
    if (parsed.error) throw new Error(`reference decoder failed on ${path.basename(parsed.file)}: ${parsed.error}`);
    const item = items[i] as (typeof items)[number];
    const reader = READERS[parsed.dtype as string];
    if (!reader) throw new Error(`reference dtype ${parsed.dtype} not handled`);
    results.set(item.file + (item.modality ? '#modality' : ''), {
      shape: parsed.shape as number[],
      dtype: parsed.dtype as string,
      photometric: parsed.photometric as string,
      values: Float64Array.from(reader(readFileSync(item.out))),
    });
  });
  return results;
}

export interface Difference {
  mismatches: number;
  maxAbs: number;
  /** Peak signal-to-noise ratio in dB relative to `peak` (Infinity when equal). */
  psnr: number;
}

export function compare(ours: PixelArray, reference: ArrayLike<number>, peak: number): Difference {
  if (ours.length !== reference.length) throw new Error(`length ${ours.length} ≠ reference ${reference.length}`);
  let mismatches = 0;
  let maxAbs = 0;
  let squared = 0;
  for (let i = 0; i < ours.length; i++) {
    const d = Math.abs((ours[i] as number) - (reference[i] as number));
    if (d !== 0) {
      mismatches++;
      if (d > maxAbs) maxAbs = d;
      squared += d * d;
    }
  }
  const mse = squared / ours.length;
  return { mismatches, maxAbs, psnr: mse === 0 ? Infinity : 10 * Math.log10((peak * peak) / mse) };
}
