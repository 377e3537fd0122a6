// One keydown listener for the whole app. Components register an action for a shortcut id;
// the registry finds the definition that matches the event for the current scope.
import { chordOf, type KeyLike, normaliseChord } from './key-chord';
import { SHORTCUTS, type ShortcutDefinition, type ShortcutId, type ShortcutScope } from './shortcut-definitions';

export type ShortcutAction = () => void;

export class ShortcutRegistry {
  private readonly actions = new Map<string, ShortcutAction[]>();
  private readonly bindings: Map<string, ShortcutDefinition[]>;

  constructor(readonly definitions: readonly ShortcutDefinition[] = SHORTCUTS) {
    this.bindings = new Map();
    for (const def of definitions) {
      for (const chord of def.keys) {
        const key = normaliseChord(chord);
        this.bindings.set(key, [...(this.bindings.get(key) ?? []), def]);
      }
    }
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
