// Request handlers of the `models` domain.
import type { HandlerTable } from '../../../shared/handler-table';
import type { ModelRegistry } from './model-registry';

export function createModelHandlers(registry: ModelRegistry): Pick<HandlerTable, 'models:list' | 'models:setEnabled'> {
  return { 'models:list': () => registry.list(), 'models:setEnabled': (args) => registry.setEnabled(args.modelId, args.enabled) };
}
