// The reference tools exported DICOM objects are checked with: dciodvfy (dicom3tools), dcmdump and
// dsrdump (dcmtk) and Debian's pydicom. Each returns what the tool printed; nothing is parsed loosely.
import { spawnSync } from 'node:child_process';

/** Debian's interpreter, where python3-pydicom lives (a pyenv python3 may shadow it on PATH). */
export const PYTHON = '/usr/bin/python3';

export function runPydicom(script: string, ...args: string[]): string {
  const run = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pydicom script failed: ${run.stderr}`);
  return run.stdout.trim();
}

export interface DciodvfyReport {
  errors: string[];
  warnings: string[];
  output: string;
}

/** dciodvfy prints "Error - …" and "Warning - …" lines on stderr; both lists come back in full. */
export function dciodvfy(file: string): DciodvfyReport {
  const run = spawnSync('dciodvfy', ['-new', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout}${run.stderr}`;
  const lines = output.split('\n');
  return { errors: lines.filter((l) => /^Error/.test(l)), warnings: lines.filter((l) => /^Warning/.test(l)), output };
}

export function dcmdump(file: string, ...options: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('dcmdump', [...options, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function dsrdump(file: string, ...options: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('dsrdump', [...options, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
