// The shortcut settings panel: every shortcut of the registry with its current keys; "Change"
// captures the next key pressed (before the app's shortcut listener sees it), refuses a key that
// another action in an overlapping scope already uses, and stores the reader's bindings in the
// preferences (prefs:set `shortcuts`), which every window then applies.
import { useEffect, useState } from 'react';
import { call, useClient } from '../app/client-context';
import { Modal } from '../app/modal';
import { useI18n } from '../i18n/i18n-context';
import { chordOf } from './key-chord';
import { findConflict, isModifierOnly, rebind, resetBinding, type ShortcutOverrides } from './shortcut-bindings';
import { useShortcutBindings } from './shortcut-context';
import type { ShortcutDefinition } from './shortcut-definitions';

interface Refusal {
  id: string;
  chord: string;
  taken: ShortcutDefinition;
}

export function ShortcutSettings({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const registry = useShortcutBindings();
  const [capturing, setCapturing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const save = async (overrides: ShortcutOverrides) => {
    const prefs = await call(client, 'prefs:set', { shortcuts: Object.fromEntries(Object.entries(overrides).map(([id, keys]) => [id, [...keys]])) });
    // The prefs:changed event updates every window; apply here at once as well.
    if (prefs) registry.setOverrides(overrides);
  };

  useEffect(() => {
    if (!capturing) return;
    // Capture phase on window: runs before the app's shortcut listener, which never sees the key.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || isModifierOnly(event.key)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.key === 'Escape') {
        setCapturing(null);
        return;
      }
      const chord = chordOf(event);
      const taken = findConflict(registry.definitions, registry.overrides, capturing, chord);
      setCapturing(null);
      if (taken) {
        setRefusal({ id: capturing, chord, taken });
        return;
      }
      setRefusal(null);
      void save(rebind(registry.definitions, registry.overrides, capturing, chord));
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  return (
    <Modal title={t('shortcuts.title')} closeLabel={t('help.close')} onClose={onClose} testId="shortcut-settings">
      <p className="muted">{t('shortcuts.hint')}</p>
      {refusal && (
        <p className="shortcut-conflict" role="alert" data-testid="shortcut-conflict">
          {t('shortcuts.conflict')} <kbd>{refusal.chord}</kbd> → {t(refusal.taken.description)}
        </p>
      )}
      <button type="button" onClick={() => void save({})} data-testid="shortcuts-reset-all">
        {t('shortcuts.resetAll')}
      </button>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th>{t('help.action')}</th>
            <th>{t('help.key')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {registry.definitions.map((def) => (
            <tr key={def.id} data-testid={`shortcut-row-${def.id}`}>
              <td>{t(def.description)}</td>
              <td data-testid="shortcut-keys">
                {capturing === def.id ? (
                  <em>{t('shortcuts.pressKey')}</em>
                ) : (
                  registry.keysOf(def.id).map((key) => <kbd key={key}>{key}</kbd>)
                )}
              </td>
              <td>
                <button type="button" onClick={() => setCapturing(def.id)} data-testid="shortcut-change">
                  {t('shortcuts.change')}
                </button>
                {registry.overrides[def.id] && (
                  <button type="button" onClick={() => void save(resetBinding(registry.overrides, def.id))} data-testid="shortcut-reset">
                    {t('shortcuts.reset')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
