import { useCallback, useState } from 'react';
import { LANGUAGES } from '../../../electron/shared/preferences';
import { useI18n } from '../i18n/i18n-context';
import { useShortcut } from '../shortcuts/shortcut-context';
import { ViewerPage } from '../viewer/viewer-page';
import { WorklistPage } from '../worklist/worklist-page';
import { AboutPanel } from './about-panel';
import { ModelsPanel } from '../models/models-panel';
import { ErrorArea } from './error-area';
import { errorStore } from './error-store';
import { HelpOverlay } from './help-overlay';
import { ShortcutSettings } from '../shortcuts/shortcut-settings';
import { navigate, type Route, routeHref } from './hash-route';

type Overlay = 'none' | 'help' | 'about' | 'shortcuts' | 'models';

export function App({ route }: { route: Route }) {
  const { t, language, setLanguage } = useI18n();
  const [overlay, setOverlay] = useState<Overlay>('none');
  const toggle = (which: Overlay) => setOverlay((current) => (current === which ? 'none' : which));

  useShortcut('app.help', useCallback(() => toggle('help'), []));
  useShortcut('app.about', useCallback(() => toggle('about'), []));
  useShortcut('app.models', useCallback(() => toggle('models'), []));
  useShortcut('app.closeOverlay', useCallback(() => setOverlay('none'), []), overlay !== 'none');
  useShortcut('app.gotoWorklist', useCallback(() => navigate({ page: 'worklist' }), []));
  useShortcut('app.gotoViewer', useCallback(() => navigate({ page: 'viewer', studyInstanceUID: null }), []));
  useShortcut(
    'app.toggleLanguage',
    useCallback(() => void setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN'), [language, setLanguage]),
  );
  useShortcut('app.dismissError', useCallback(() => errorStore.dismiss(), []));

  return (
    <div className="app-shell">
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label="main">
          <a href={routeHref({ page: 'worklist' })} aria-current={route.page === 'worklist' ? 'page' : undefined} data-testid="nav-worklist">
            {t('nav.worklist')}
          </a>
          <a href={routeHref({ page: 'viewer', studyInstanceUID: null })} aria-current={route.page === 'viewer' ? 'page' : undefined} data-testid="nav-viewer">
            {t('nav.viewer')}
          </a>
        </nav>
        <span className="spacer" />
        <label className="language-switch">
          <span>{t('nav.language')}</span>
          <select
            value={language}
            data-testid="language-switch"
            onChange={(event) => void setLanguage(event.target.value as (typeof LANGUAGES)[number])}
          >
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t(`lang.${lang}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => toggle('help')} data-testid="open-help">
          {t('nav.help')} <kbd>?</kbd>
        </button>
        <button type="button" onClick={() => toggle('models')} data-testid="open-models">
          {t('nav.models')}
        </button>
        <button type="button" onClick={() => toggle('about')} data-testid="open-about">
          {t('nav.about')}
        </button>
      </header>
      <ErrorArea />
      {route.page === 'worklist' ? <WorklistPage /> : <ViewerPage studyInstanceUID={route.studyInstanceUID} />}
      {overlay === 'help' && <HelpOverlay onClose={() => setOverlay('none')} onCustomize={() => setOverlay('shortcuts')} />}
      {overlay === 'shortcuts' && <ShortcutSettings onClose={() => setOverlay('none')} />}
      {overlay === 'about' && <AboutPanel onClose={() => setOverlay('none')} />}
      {overlay === 'models' && <ModelsPanel onClose={() => setOverlay('none')} />}
    </div>
  );
}
