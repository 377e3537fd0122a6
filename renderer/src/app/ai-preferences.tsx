import { useEffect, useState } from 'react';
import { aiAutoRunEnabled, experimentalModelsEnabled, type Preferences } from '../../../electron/shared/preferences';
import { useI18n } from '../i18n/i18n-context';
import { call, useClient } from './client-context';

/**
 * The two AI preferences: auto-run after import (on unless turned off) and experimental models
 * (off unless turned on). Stored in the database, so the desktop app, the web host and the CLI
 * all follow them; the job service reads them when it queues.
 */
export function AiPreferences() {
  const client = useClient();
  const { t } = useI18n();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  useEffect(() => {
    void call(client, 'prefs:get', {}).then((p) => p && setPrefs(p));
    return client.on('prefs:changed', setPrefs);
  }, [client]);
  if (!prefs) return null;
  const set = (patch: Partial<Pick<Preferences, 'aiAutoRun' | 'aiExperimental'>>) => void call(client, 'prefs:set', patch).then((p) => p && setPrefs(p));
  return (
    <section className="ai-preferences" data-testid="ai-preferences">
      <h3>{t('about.aiTitle')}</h3>
      <label>
        <input type="checkbox" data-testid="pref-ai-autorun" checked={aiAutoRunEnabled(prefs)} onChange={(e) => set({ aiAutoRun: e.target.checked })} />{' '}
        {t('about.aiAutoRun')}
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="pref-ai-experimental"
          checked={experimentalModelsEnabled(prefs)}
          onChange={(e) => set({ aiExperimental: e.target.checked })}
        />{' '}
        {t('about.aiExperimental')}
      </label>
      <p className="muted">{t('about.aiExperimentalHint')}</p>
    </section>
  );
}
