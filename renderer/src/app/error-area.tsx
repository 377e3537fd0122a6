import { errorMessageKey } from '../../../electron/shared/i18n';
import { useI18n } from '../i18n/i18n-context';
import { errorStore, useErrors } from './error-store';

/** Shows failed requests in the reader's language, with the code and the host's detail. */
export function ErrorArea() {
  const errors = useErrors();
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <section className="error-area" role="alert" aria-live="assertive" data-testid="error-area">
      {errors.map((error) => (
        <div key={error.id} className="error-item" data-code={error.code}>
          <strong>{t(errorMessageKey(error.code))}</strong>
          <span className="muted">
            {t('error.detail')}: {error.code}
            {error.source ? ` · ${error.source}` : ''} · {error.message}
          </span>
          <button type="button" onClick={() => errorStore.dismiss(error.id)}>
            {t('error.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
