import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type MessageKey, translate } from '../../../electron/shared/i18n';
import { DEFAULT_PREFERENCES, type Language } from '../../../electron/shared/preferences';
import { call, useClient } from '../app/client-context';

interface I18n {
  language: Language;
  t(key: MessageKey): string;
  setLanguage(language: Language): Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

/** The language comes from the stored preferences, so it persists and follows other windows. */
export function LanguageProvider({ children, onReady }: { children: ReactNode; onReady?: () => void }) {
  const client = useClient();
  const [language, setLanguageState] = useState<Language>(DEFAULT_PREFERENCES.language);

  useEffect(() => {
    let alive = true;
    void call(client, 'prefs:get', {}).then((prefs) => {
      if (alive && prefs) setLanguageState(prefs.language);
      onReady?.();
    });
    const off = client.on('prefs:changed', (prefs) => setLanguageState(prefs.language));
    return () => {
      alive = false;
      off();
    };
  }, [client, onReady]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback(
    async (next: Language) => {
      setLanguageState(next);
      await call(client, 'prefs:set', { language: next });
    },
    [client],
  );

  const value = useMemo<I18n>(
    () => ({ language, t: (key) => translate(language, key), setLanguage }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside LanguageProvider');
  return value;
}
