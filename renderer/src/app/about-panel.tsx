import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/shared/app-info';
import { useI18n } from '../i18n/i18n-context';
import { FeedbackDashboard } from '../feedback/feedback-dashboard';
import { AiPreferences } from './ai-preferences';
import { call, useClient } from './client-context';
import { Modal } from './modal';

/** Shows what `app:info` returns: versions, data folder, schema, ONNX Runtime providers. */
export function AboutPanel({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void call(client, 'app:info', {}).then(setInfo);
  }, [client]);

  const rows: [string, string | undefined][] = info
    ? [
        [t('about.version'), info.version],
        [t('about.host'), info.host],
        [t('about.dataDir'), info.dataDir],
        [t('about.schema'), String(info.schemaVersion)],
        [t('about.onnxruntime'), info.onnxruntime.version],
        [t('about.providers'), info.onnxruntime.executionProviders.join(', ')],
        [t('about.node'), info.nodeVersion],
        [t('about.electron'), info.electronVersion ?? '—'],
        [t('about.platform'), info.platform],
      ]
    : [];
  return (
    <Modal title={t('about.title')} closeLabel={t('about.close')} onClose={onClose} testId="about-panel">
      <p className="muted">
        {t('app.name')} — {t('app.tagline')}
      </p>
      <dl className="kv">
        {rows.map(([label, value]) => (
          <div key={label} className="kv-row">
            <dt>{label}</dt>
            <dd data-testid={`about-${label}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <AiPreferences />
      <FeedbackDashboard />
    </Modal>
  );
}
