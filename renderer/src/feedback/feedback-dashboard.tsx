import { useCallback, useEffect, useState } from 'react';
import type { HostKind } from '../../../electron/shared/app-info';
import type { ModelFeedbackStats } from '../../../electron/shared/feedback';
import type { MessageKey } from '../../../electron/shared/i18n';
import { REJECT_REASONS } from '../../../electron/shared/reports';
import { call, useClient } from '../app/client-context';
import { useI18n } from '../i18n/i18n-context';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);
const duration = (seconds: number | null) =>
  seconds === null ? '—' : seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;

/**
 * Per-model agreement with the physicians' reviews (`feedback:stats`) and the feedback bundle
 * export. The desktop app asks for a folder with its native dialog; the web host writes the bundle
 * into the data folder and shows where.
 */
export function FeedbackDashboard() {
  const client = useClient();
  const { t } = useI18n();
  const [stats, setStats] = useState<ModelFeedbackStats[] | null>(null);
  const [host, setHost] = useState<HostKind | null>(null);
  const [written, setWritten] = useState<{ modelId: string; outDir: string; cases: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void call(client, 'feedback:stats', {}).then(setStats);
    void call(client, 'app:info', {}).then((info) => setHost(info?.host ?? null));
  }, [client]);

  const exportBundle = useCallback(
    async (modelId: string) => {
      let outDir: string | undefined;
      if (host === 'electron') {
        const chosen = await call(client, 'import:choosePaths', { mode: 'folder' });
        outDir = chosen?.paths[0];
        if (!outDir) return;
      }
      setBusy(modelId);
      try {
        const result = await call(client, 'feedback:export', outDir ? { modelId, outDir } : { modelId });
        if (result) setWritten({ modelId, outDir: result.outDir, cases: result.cases });
      } finally {
        setBusy(null);
      }
    },
    [client, host],
  );

  return (
    <section className="feedback-dashboard" data-testid="feedback-dashboard">
      <h3>{t('feedback.title')}</h3>
      {stats !== null && stats.length === 0 && <p className="muted">{t('feedback.none')}</p>}
      {stats !== null && stats.length > 0 && (
        <table className="feedback-table">
          <thead>
            <tr>
              <th>{t('feedback.model')}</th>
              <th>{t('feedback.studies')}</th>
              <th>{t('feedback.accepted')}</th>
              <th>{t('feedback.rejected')}</th>
              <th>{t('feedback.edited')}</th>
              <th>{t('feedback.missed')}</th>
              <th>{t('feedback.agreement')}</th>
              <th>{t('feedback.medianTime')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.modelId} data-testid={`feedback-row-${s.modelId}`}>
                <td>
                  {s.modelId} <span className="muted">{s.versions.join(', ')}</span>
                </td>
                <td>{s.studies}</td>
                <td>{s.accepted}</td>
                <td title={REJECT_REASONS.map((r) => `${t(`review.reason.${r}` as MessageKey)}: ${s.rejectedByReason[r]}`).join('\n')}>
                  {s.rejected}
                  {s.rejected > 0 && (
                    <span className="muted">
                      {' ('}
                      {REJECT_REASONS.filter((r) => s.rejectedByReason[r] > 0)
                        .map((r) => `${t(`review.reason.${r}` as MessageKey)} ${s.rejectedByReason[r]}`)
                        .join('，')}
                      {')'}
                    </span>
                  )}
                </td>
                <td>{s.edited}</td>
                <td>{s.missed}</td>
                <td data-testid="feedback-agreement">{percent(s.agreementRate)}</td>
                <td>{duration(s.medianSecondsToDecision)}</td>
                <td>
                  <button type="button" disabled={busy !== null || host === null} onClick={() => void exportBundle(s.modelId)} data-testid={`feedback-export-${s.modelId}`}>
                    {busy === s.modelId ? t('feedback.exporting') : t('feedback.export')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {written && (
        <p data-testid="feedback-written">
          {t('feedback.written')} <code>{written.outDir}</code> ({written.cases} {t('feedback.cases')})
        </p>
      )}
      <p className="muted">{t('feedback.hint')}</p>
    </section>
  );
}
