import type { Database } from '../store/database';
import {
  DEFAULT_PREFERENCES,
  type Preferences,
  type PreferencesPatch,
  preferencesSchema,
} from '../../shared/preferences';

/** Preferences live in the database; unknown or invalid stored values fall back to defaults. */
export function createPreferencesStore(db: Database) {
  const select = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM preferences');
  const upsert = db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  function get(): Preferences {
    const stored: Record<string, unknown> = {};
    for (const row of select.all()) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A damaged value is ignored; the default is used instead.
      }
    }
    const merged = { ...DEFAULT_PREFERENCES };
    // Every key of the schema, optional ones (shortcuts) included.
    for (const key of Object.keys(preferencesSchema.shape) as (keyof Preferences)[]) {
      const candidate = preferencesSchema.shape[key].safeParse(stored[key]);
      if (candidate.success && candidate.data !== undefined) Object.assign(merged, { [key]: candidate.data });
    }
    return merged;
  }

  function set(patch: PreferencesPatch): Preferences {
    db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value));
      }
    })();
    return get();
  }

  return { get, set };
}
export type PreferencesStore = ReturnType<typeof createPreferencesStore>;
