import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { call, useClient } from '../app/client-context';
import { knownOverrides } from './shortcut-bindings';
import type { ShortcutScope, ShortcutId } from './shortcut-definitions';
import { type ShortcutAction, ShortcutRegistry } from './shortcut-registry';

const RegistryContext = createContext<ShortcutRegistry | null>(null);

function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the single keydown listener of the app, with the reader's bindings from preferences. */
export function ShortcutProvider({ scope, children }: { scope: ShortcutScope; children: ReactNode }) {
  const registry = useMemo(() => new ShortcutRegistry(), []);
  const client = useClient();
  useEffect(() => {
    let alive = true;
    void call(client, 'prefs:get', {}).then((prefs) => {
      if (alive && prefs) registry.setOverrides(knownOverrides(registry.definitions, prefs.shortcuts));
    });
    const off = client.on('prefs:changed', (prefs) => registry.setOverrides(knownOverrides(registry.definitions, prefs.shortcuts)));
    return () => {
      alive = false;
      off();
    };
  }, [client, registry]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return; // IME input of Chinese text must not trigger shortcuts
      if (registry.handle(event, scope, isTextInput(event.target))) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry, scope]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useShortcutRegistry(): ShortcutRegistry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useShortcut outside ShortcutProvider');
  return registry;
}

/** Re-renders the caller when the bindings change; returns the registry. */
export function useShortcutBindings(): ShortcutRegistry {
  const registry = useShortcutRegistry();
  useSyncExternalStore(
    useCallback((listener: () => void) => registry.subscribe(listener), [registry]),
    () => registry.version,
  );
  return registry;
}

/** Binds an action to a shortcut id while the component is mounted. */
export function useShortcut(id: ShortcutId, action: ShortcutAction, enabled = true): void {
  const registry = useShortcutRegistry();
  useEffect(() => (enabled ? registry.register(id, action) : undefined), [registry, id, action, enabled]);
}
