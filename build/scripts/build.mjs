// Builds everything the hosts run: the Node bundles (CLI, web host, Electron main and preload,
// workers) with esbuild and the renderer with Vite. `node build/scripts/build.mjs [--node-only]`.
import { build as esbuild } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');

/** Native or runtime-provided packages stay outside the bundles. */
const external = ['electron', 'better-sqlite3', 'onnxruntime-node'];

/** Worker threads are separate bundles next to the CLI (dist/workers/NAME.cjs). */
export const WORKER_ENTRIES = {
  'study-writer': 'electron/core/store/study-writer-worker.ts',
  'volume-assembly': 'electron/core/volumes/volume-worker.ts',
  'dicom-parse': 'electron/core/dicom/parse-worker.ts',
  inference: 'electron/core/inference/runtime/inference-worker.ts',
};

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
  absWorkingDir: root,
  // Sources use import.meta.url (ESM); in the CJS bundles it comes from the file's own path.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * Fonts the app ships (dist/fonts/, packaged with dist/**): the PDF report's CJK font (Debian
 * fonts-droid-fallback, Apache-2.0) and Latin font (fonts-dejavu-core), each with its licence;
 * test/setup.sh installs both packages. electron/core/reports/pdf/report-font.ts reads them.
 */
const SHIPPED_FONTS = [
  ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', 'DroidSansFallbackFull.ttf'],
  ['/usr/share/doc/fonts-droid-fallback/copyright', 'DroidSansFallbackFull-LICENSE.txt'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVuSans.ttf'],
  ['/usr/share/doc/fonts-dejavu-core/copyright', 'DejaVuSans-LICENSE.txt'],
];

export function copyFonts() {
  mkdirSync(path.join(dist, 'fonts'), { recursive: true });
  for (const [from, to] of SHIPPED_FONTS) {
    if (!existsSync(from)) throw new Error(`build: ${from} is missing; install the Debian packages fonts-droid-fallback and fonts-dejavu-core (test/setup.sh)`);
    copyFileSync(from, path.join(dist, 'fonts', to));
  }
}

export async function buildNode() {
  copyFonts();
  await Promise.all([
    esbuild({ ...nodeCommon, entryPoints: { cli: 'electron/cli/main.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
    esbuild({
      ...nodeCommon,
      entryPoints: { main: 'electron/main/main.ts', preload: 'electron/main/preload.ts' },
      outdir: path.join(dist, 'main'),
      outExtension: { '.js': '.cjs' },
    }),
    Object.keys(WORKER_ENTRIES).length > 0 &&
      esbuild({ ...nodeCommon, entryPoints: WORKER_ENTRIES, outdir: path.join(dist, 'workers'), outExtension: { '.js': '.cjs' } }),
  ]);
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer', 'vite.config.mts'), logLevel: 'warn' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.chdir(root);
  const started = Date.now();
  await buildNode();
  if (!process.argv.includes('--node-only')) await buildRenderer();
  process.stderr.write(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
