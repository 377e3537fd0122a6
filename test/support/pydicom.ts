// pydicom (Debian's python3-pydicom) as a reference parser. A pyenv or venv python3 on PATH may
// lack it, so the system interpreter is tried first.
import { execFileSync } from 'node:child_process';

let cached: string | null | undefined;

/** A python3 that can `import pydicom`, or null when none is installed. */
export function pydicomPython(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import pydicom'], { stdio: 'ignore' });
      cached = candidate;
      break;
    } catch {
      // try the next interpreter
    }
  }
  return cached;
}

/** Runs a python script with pydicom importable and returns its stdout parsed as JSON. */
export function runPydicomJson<T>(script: string, args: string[] = []): T {
  const python = pydicomPython();
  if (!python) throw new Error('pydicom is not installed (apt-get install python3-pydicom)');
  const out = execFileSync(python, ['-W', 'ignore', '-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as T;
}
