// Starts a worker thread the same way from the esbuild bundles and from TypeScript sources.
//  - Bundled (dist/cli.cjs, dist/main/main.cjs): each worker is its own bundle,
//    dist/workers/NAME.cjs (WORKER_ENTRIES in build/scripts/build.mjs); we look for it in the
//    bundle's folder and its parent, so the CLI and the Electron main bundle both find it.
//  - From sources (Vitest, tsx): the worker's .ts file is loaded through tsx's CommonJS hook in
//    an eval'd bootstrap, because Node 20 ignores `--import` loaders in a worker's execArgv.
// Only tests and scripts run from sources, and tsx is a dev dependency they have.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const here = fileURLToPath(import.meta.url);
const runningFromSource = here.endsWith('.ts');

/**
 * @param name the bundle name in WORKER_ENTRIES (dist/workers/NAME.cjs)
 * @param sourceUrl `new URL('./x-worker.ts', import.meta.url)` of the worker's source file
 */
export function startWorker(name: string, sourceUrl: URL, options: WorkerOptions = {}): Worker {
  if (runningFromSource) {
    const tsxHook = createRequire(here).resolve('tsx/cjs');
    const source = fileURLToPath(sourceUrl);
    return new Worker(`require(${JSON.stringify(tsxHook)}); require(${JSON.stringify(source)});`, { ...options, eval: true });
  }
  const dir = path.dirname(here);
  const candidates = [path.join(dir, 'workers', `${name}.cjs`), path.join(dir, '..', 'workers', `${name}.cjs`)];
  const entry = candidates.find((file) => existsSync(file));
  if (!entry) throw new Error(`worker bundle ${name}.cjs not found next to ${path.basename(here)}; run the build`);
  return new Worker(entry, options);
}
