import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import type { ShortcutScope, ShortcutId } from './shortcut-definitions';
import { type ShortcutAction, ShortcutRegistry } from './shortcut-registry';

const RegistryContext = createContext<ShortcutRegistry | null>(null);

function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the single keydown listener of the app. */
export function ShortcutProvider({ scope, children }: { scope: ShortcutScope; children: ReactNode }) {
  const registry = useMemo(() => new ShortcutRegistry(), []);
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

/** Binds an action to a shortcut id while the component is mounted. */
export function useShortcut(id: ShortcutId, action: ShortcutAction, enabled = true): void {
  const registry = useShortcutRegistry();
  useEffect(() => (enabled ? registry.register(id, action) : undefined), [registry, id, action, enabled]);
}
