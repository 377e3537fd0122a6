import { readAppInfo } from '../../core/app/app-handlers';
import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { printJson } from '../cli-io';
import type { CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Version, data folder, database schema, ONNX Runtime and its execution providers',
  usage: 'yingdu info [--data DIR] [--json]',
  async run({ io, common }) {
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      const info = readAppInfo({ db: core.db, dataDir: core.layout.root, host: 'cli' });
      if (common.json) {
        printJson(io, info);
      } else {
        io.stdout(
          [
            `${info.name} ${info.version}`,
            `data folder:        ${info.dataDir}`,
            `database schema:    ${info.schemaVersion}`,
            `node:               ${info.nodeVersion}`,
            `onnxruntime-node:   ${info.onnxruntime.version}`,
            `execution providers: ${info.onnxruntime.executionProviders.join(', ')}`,
            `platform:           ${info.platform}`,
            '',
          ].join('\n'),
        );
      }
      return 0;
    } finally {
      await core.close();
    }
  },
};
