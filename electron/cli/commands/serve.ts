import path from 'node:path';
import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { startWebHost } from '../../server/web-host';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

/** The renderer build sits beside the CLI bundle: dist/cli.cjs → dist/renderer/. */
export function defaultRendererDir(): string {
  return process.env.YINGDU_RENDERER_DIR ?? path.join(__dirname, 'renderer');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start the loopback web host and print its address with the access token',
  usage: 'yingdu serve [--port N] [--data DIR] [--json]',
  options: { port: { type: 'string' } },
  async run({ io, common, options, stopSignal }) {
    const port = options.port === undefined ? 0 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be an integer from 0 to 65535');
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'web' });
    try {
      const host = await startWebHost({ core, staticDir: defaultRendererDir(), port });
      if (common.json) printJson(io, { url: host.url, port: host.port, token: host.token, dataDir: core.layout.root });
      else io.stdout(`Yingdu is serving on ${host.url}\nData folder: ${core.layout.root}\nPress Ctrl+C to stop.\n`);
      await stopSignal;
      await host.close();
      return 0;
    } finally {
      await core.close();
    }
  },
};
