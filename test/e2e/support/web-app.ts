// Starts the real core and loopback web host on a temporary data folder for an e2e test.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/core';
import { startWebHost, type WebHost } from '../../../electron/server/web-host';
import { REPO_ROOT } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';

export const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

export interface RunningWebApp {
  core: Core;
  host: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

/** The global test setup builds the renderer before any test runs. */
export async function startWebApp(options: { dataDir?: string } = {}): Promise<RunningWebApp> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}); run \`npm run build\` first.`);
  }
  const temp = options.dataDir ? null : makeTempDir('yingdu-e2e-');
  const dataDir = options.dataDir ?? temp!.dir;
  const core = createCore({ dataDir, host: 'web' });
  const host = await startWebHost({ core, staticDir: RENDERER_DIR, port: 0 });
  return {
    core,
    host,
    dataDir,
    async stop() {
      await host.close();
      await core.close();
      temp?.remove();
    },
  };
}
