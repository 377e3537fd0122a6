// One keydown listener for the whole app. Components register an action for a shortcut id;
// the registry finds the definition that matches the event for the current scope. The keys are
// the reader's bindings (shortcut-bindings.ts): defaults replaced by the stored overrides.
import { chordOf, type KeyLike, normaliseChord } from './key-chord';
import { effectiveKeys, type ShortcutOverrides } from './shortcut-bindings';
import { SHORTCUTS, type ShortcutDefinition, type ShortcutId, type ShortcutScope } from './shortcut-definitions';

export type ShortcutAction = () => void;

export class ShortcutRegistry {
  private readonly actions = new Map<string, ShortcutAction[]>();
  private bindings = new Map<string, ShortcutDefinition[]>();
  private overridesValue: ShortcutOverrides = {};
  private readonly listeners = new Set<() => void>();
  /** Changes whenever the bindings change (React reads it through useSyncExternalStore). */
  version = 0;

  constructor(
    readonly definitions: readonly ShortcutDefinition[] = SHORTCUTS,
    overrides: ShortcutOverrides = {},
  ) {
    this.setOverrides(overrides);
  }

  get overrides(): ShortcutOverrides {
    return this.overridesValue;
  }

  /** Applies the reader's bindings (from preferences). */
  setOverrides(overrides: ShortcutOverrides): void {
    this.overridesValue = overrides;
    this.bindings = new Map();
    for (const def of this.definitions) {
      for (const chord of effectiveKeys(def, overrides)) {
        const key = normaliseChord(chord);
        this.bindings.set(key, [...(this.bindings.get(key) ?? []), def]);
      }
    }
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** The chords that trigger shortcut `id` now. */
  keysOf(id: string): readonly string[] {
    const def = this.definitions.find((d) => d.id === id);
    return def ? effectiveKeys(def, this.overridesValue) : [];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest registration wins while mounted; unregistering restores the previous one. */
  register(id: ShortcutId | string, action: ShortcutAction): () => void {
    const stack = this.actions.get(id) ?? [];
    stack.push(action);
    this.actions.set(id, stack);
    return () => {
      const current = this.actions.get(id) ?? [];
      const index = current.lastIndexOf(action);
      if (index >= 0) current.splice(index, 1);
    };
  }

  /** Runs the matching action; returns true when the event was consumed. */
  handle(event: KeyLike, activeScope: ShortcutScope, inTextInput: boolean): boolean {
    const candidates = this.bindings.get(chordOf(event)) ?? [];
    for (const def of candidates) {
      if (def.scope !== 'global' && def.scope !== activeScope) continue;
      if (inTextInput && !def.inInputs) continue;
      const stack = this.actions.get(def.id);
      const action = stack?.[stack.length - 1];
      if (action) {
        action();
        return true;
      }
    }
    return false;
  }
}
