import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ClientContext } from './app/client-context';
import { errorStore } from './app/error-store';
import { useRoute } from './app/hash-route';
import { LanguageProvider } from './i18n/i18n-context';
import { createClient } from './ipc/client';
import { ShortcutProvider } from './shortcuts/shortcut-context';
import './styles.css';

const client = createClient(() =>
  errorStore.push({ code: 'UNAVAILABLE', message: 'The connection to the workstation service was lost.' }, 'connection'),
);

function Root() {
  const route = useRoute();
  // Tests and the Electron host wait for this marker instead of sleeping.
  const onReady = useCallback(() => {
    document.body.dataset.appReady = 'true';
  }, []);
  return (
    <ClientContext.Provider value={client}>
      <LanguageProvider onReady={onReady}>
        <ShortcutProvider scope={route.page}>
          <App route={route} />
        </ShortcutProvider>
      </LanguageProvider>
    </ClientContext.Provider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
