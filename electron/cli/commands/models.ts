// `yingdu models install DIR | list | remove ID [--version V] | verify ID [--version V]`:
// model packages on the command line. Opens only the database and the models folder (no
// import workers), so it is quick to script on a reading-room machine.
import { ensureDataLayout, resolveDataDir } from '../../core/app/data-dir';
import { createModelRegistry, type ModelRegistry } from '../../core/inference/models/model-registry';
import { openDatabase } from '../../core/store/database';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand, CommandContext } from '../command';

async function withRegistry<T>(data: string | undefined, run: (registry: ModelRegistry) => T | Promise<T>): Promise<T> {
  const layout = ensureDataLayout(resolveDataDir(data));
  const db = openDatabase(layout.database);
  try {
    return await run(createModelRegistry(db, layout.models));
  } finally {
    db.close();
  }
}

const versionOption = (ctx: CommandContext) => (typeof ctx.options.version === 'string' ? ctx.options.version : undefined);

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'AI model packages: install DIR, list, remove ID, verify ID (hash + load, prints the execution provider)',
  usage: 'yingdu models install DIR | list | enable ID | disable ID | remove ID [--version V] | verify ID [--version V] [--data DIR] [--json]',
  options: { version: { type: 'string' } },
  async run(ctx) {
    const { io, common, positionals } = ctx;
    const [action, target, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    switch (action) {
      case 'install': {
        if (!target) throw new UsageError('models install needs the package folder (the one with manifest.json)');
        const result = await withRegistry(common.data, (r) => r.install(target));
        const m = result.manifest;
        if (common.json) printJson(io, { installed: { id: m.id, version: m.version, sha256: m.sha256, experimental: m.experimental }, alreadyInstalled: result.alreadyInstalled });
        else io.stdout(`${result.alreadyInstalled ? 'already installed' : 'installed'}: ${m.id} ${m.version} (${m.name.en})${m.experimental ? ' [experimental, off by default]' : ''}\n`);
        return 0;
      }
      case 'list': {
        if (target) throw new UsageError('models list takes no argument');
        const models = await withRegistry(common.data, (r) => r.list());
        if (common.json) {
          printJson(io, {
            models: models.map((m) => ({
              id: m.manifest.id,
              version: m.manifest.version,
              task: m.manifest.task,
              name: m.manifest.name,
              sha256: m.manifest.sha256,
              experimental: m.manifest.experimental,
              enabled: m.enabled,
              labels: m.manifest.labels.length,
              installedAt: m.installedAt,
            })),
          });
        } else if (models.length === 0) {
          io.stdout('no models installed (yingdu models install DIR)\n');
        } else {
          const width = Math.max(...models.map((m) => m.manifest.id.length));
          for (const m of models) {
            io.stdout(`${m.manifest.id.padEnd(width)}  ${m.manifest.version.padEnd(18)}  ${m.manifest.task.padEnd(12)}  ${m.enabled ? 'on ' : 'off'}  ${m.manifest.name.en}${m.manifest.experimental ? ' [experimental]' : ''}\n`);
          }
        }
        return 0;
      }
      case 'remove': {
        if (!target) throw new UsageError('models remove needs a model id (see yingdu models list)');
        const result = await withRegistry(common.data, (r) => r.remove(target, versionOption(ctx)));
        if (common.json) printJson(io, result);
        else io.stdout(result.removed.map((r) => `removed: ${r.id} ${r.version}\n`).join(''));
        return 0;
      }
      case 'enable':
      case 'disable': {
        if (!target) throw new UsageError(`models ${action} needs a model id (see yingdu models list)`);
        const models = await withRegistry(common.data, (r) => r.setEnabled(target, action === 'enable'));
        const experimental = models.some((m) => m.manifest.experimental);
        if (common.json) printJson(io, { id: target, enabled: action === 'enable', versions: models.map((m) => m.manifest.version) });
        else io.stdout(`${target}: ${action === 'enable' ? 'on (runs automatically on matching series)' : 'off'}${experimental && action === 'enable' ? ' — experimental: runs only when experimental models are allowed in the settings' : ''}
`);
        return 0;
      }
      case 'verify': {
        if (!target) throw new UsageError('models verify needs a model id (see yingdu models list)');
        // Re-hash the installed file, then open it in ONNX Runtime to prove it loads, and say on which provider.
        const result = await withRegistry(common.data, async (r) => {
          const verified = r.verify(target, versionOption(ctx));
          const session = await r.open(verified.id, verified.version);
          await session.release();
          return { ...verified, provider: session.provider };
        });
        if (common.json) printJson(io, { verified: result });
        else io.stdout(`ok: ${result.id} ${result.version} sha256 ${result.sha256}, loads on ${result.provider}\n`);
        return 0;
      }
      default:
        throw new UsageError(action ? `unknown models action "${action}"` : 'models needs an action: install, list, enable, disable, remove or verify');
    }
  },
};
