// The reader's key bindings: the defaults of shortcut-definitions.ts with the overrides stored
// in preferences (`shortcuts`: id → chords). Plain data and functions, unit-tested in Node; the
// registry matches events against `effectiveKeys`, the settings panel checks `findConflict`.
import { normaliseChord } from './key-chord';
import type { ShortcutDefinition, ShortcutScope } from './shortcut-definitions';

export type ShortcutOverrides = Readonly<Record<string, readonly string[]>>;

/** The chords that trigger `def` now: the override when there is one, else the default. */
export function effectiveKeys(def: ShortcutDefinition, overrides: ShortcutOverrides): readonly string[] {
  return overrides[def.id] ?? def.keys;
}

/** Two scopes can be active at once (a global shortcut is active on every page). */
export function scopesOverlap(a: ShortcutScope, b: ShortcutScope): boolean {
  return a === b || a === 'global' || b === 'global';
}

/** Keys that only modify another key: pressing one alone is not a binding. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS']);

export function isModifierOnly(key: string): boolean {
  return MODIFIER_KEYS.has(key);
}

/**
 * The shortcut that already answers `chord` where shortcut `id` would, or null. Binding a
 * chord twice would make one of the two actions unreachable, so the settings refuse it.
 */
export function findConflict(definitions: readonly ShortcutDefinition[], overrides: ShortcutOverrides, id: string, chord: string): ShortcutDefinition | null {
  const target = definitions.find((d) => d.id === id);
  if (!target) return null;
  const wanted = normaliseChord(chord);
  for (const def of definitions) {
    if (def.id === id || !scopesOverlap(def.scope, target.scope)) continue;
    if (effectiveKeys(def, overrides).some((k) => normaliseChord(k) === wanted)) return def;
  }
  return null;
}

/** The overrides after binding `id` to `chord` alone; a chord equal to the default drops the override. */
export function rebind(definitions: readonly ShortcutDefinition[], overrides: ShortcutOverrides, id: string, chord: string): ShortcutOverrides {
  const def = definitions.find((d) => d.id === id);
  const next: Record<string, readonly string[]> = { ...overrides };
  const normalised = normaliseChord(chord);
  if (def && def.keys.length === 1 && normaliseChord(def.keys[0]!) === normalised) delete next[id];
  else next[id] = [normalised];
  return next;
}

/** The overrides without `id` (its default keys again). */
export function resetBinding(overrides: ShortcutOverrides, id: string): ShortcutOverrides {
  const next: Record<string, readonly string[]> = { ...overrides };
  delete next[id];
  return next;
}

/** Stored overrides that still name a known shortcut (ids can disappear between versions). */
export function knownOverrides(definitions: readonly ShortcutDefinition[], stored: ShortcutOverrides | undefined): ShortcutOverrides {
  const ids = new Set(definitions.map((d) => d.id));
  return Object.fromEntries(Object.entries(stored ?? {}).filter(([id, keys]) => ids.has(id) && keys.length > 0));
}
