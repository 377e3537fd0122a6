import type { HandlerTable } from '../../shared/handler-table';
import type { PreferencesStore } from './preferences-store';

export function createPrefsHandlers(store: PreferencesStore): Pick<HandlerTable, 'prefs:get' | 'prefs:set'> {
  return {
    'prefs:get': () => store.get(),
    'prefs:set': (patch, ctx) => {
      const next = store.set(patch);
      ctx.emit('prefs:changed', next);
      return next;
    },
  };
}
