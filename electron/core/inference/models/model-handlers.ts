// Request handlers of the `models` domain.
import type { HandlerTable } from '../../../shared/handler-table';
import { AppError } from '../../../shared/result';
import type { ModelRegistry } from './model-registry';

type ModelChannels = 'models:list' | 'models:setEnabled' | 'models:install' | 'models:remove';

/**
 * `experimentalAllowed` reads the stored preference: an unvalidated model cannot be switched on
 * while experimental models are off, whichever host or window asks (the UI also says why).
 */
export function createModelHandlers(registry: ModelRegistry, experimentalAllowed: () => boolean): Pick<HandlerTable, ModelChannels> {
  return {
    'models:list': () => registry.list(),
    'models:setEnabled': (args) => {
      if (args.enabled && !experimentalAllowed()) {
        const installed = registry.list().filter((m) => m.manifest.id === args.modelId);
        if (installed.some((m) => m.manifest.experimental)) {
          throw new AppError(
            'EXPERIMENTAL_DISABLED',
            `${args.modelId} is an experimental (unvalidated) model. Turn on "Allow experimental AI models" in About before enabling it.`,
          );
        }
      }
      return registry.setEnabled(args.modelId, args.enabled);
    },
    'models:install': (args) => {
      const { manifest, alreadyInstalled } = registry.install(args.folder);
      return { id: manifest.id, version: manifest.version, alreadyInstalled };
    },
    'models:remove': (args) => registry.remove(args.modelId, args.version),
  };
}
