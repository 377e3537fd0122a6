// Finds an installed Electron binary WITHOUT triggering the electron package's on-demand
// download (require('electron') tries to fetch it from the internet when it is missing).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The binary's absolute path, or null when none is installed here. */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  if (!executable) return null;
  const binary = path.join(distDir, executable);
  return existsSync(binary) ? binary : null;
}
