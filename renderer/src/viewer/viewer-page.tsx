import { useI18n } from '../i18n/i18n-context';

export function ViewerPage({ studyInstanceUID }: { studyInstanceUID: string | null }) {
  const { t } = useI18n();
  return (
    <main className="page" data-testid="viewer-page">
      <h1>{t('viewer.title')}</h1>
      <p className="muted">{studyInstanceUID ? `${t('viewer.study')}: ${studyInstanceUID}` : t('viewer.noStudy')}</p>
    </main>
  );
}
