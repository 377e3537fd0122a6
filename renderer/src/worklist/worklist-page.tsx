import { useI18n } from '../i18n/i18n-context';

export function WorklistPage() {
  const { t } = useI18n();
  return (
    <main className="page" data-testid="worklist-page">
      <h1>{t('worklist.title')}</h1>
      <p className="muted">{t('worklist.empty')}</p>
    </main>
  );
}
