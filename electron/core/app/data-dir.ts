import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Yingdu';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for
 * "Yingdu", so the CLI, the web host and the desktop app share one database and store.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), APP_FOLDER_NAME);
}

/** Where studies, the database and models live: `--data DIR`, else `$YINGDU_DATA`, else `<userData>/data`. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.YINGDU_DATA ?? path.join(defaultUserDataDir(env), 'data');
  return path.resolve(chosen);
}

/** The fixed layout inside a data folder; every name here is ours, never a DICOM value. */
export function dataLayout(dataDir: string) {
  return {
    root: dataDir,
    database: path.join(dataDir, 'yingdu.sqlite'),
    store: path.join(dataDir, 'store'),
    conflicts: path.join(dataDir, 'conflicts'),
    models: path.join(dataDir, 'models'),
    outputs: path.join(dataDir, 'outputs'),
    logs: path.join(dataDir, 'logs'),
    tmp: path.join(dataDir, 'tmp'),
  };
}
export type DataLayout = ReturnType<typeof dataLayout>;

export function ensureDataLayout(dataDir: string): DataLayout {
  const layout = dataLayout(dataDir);
  for (const dir of Object.values(layout)) {
    if (dir !== layout.database) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  return layout;
}
