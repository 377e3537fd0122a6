// The report part of the review form: the generated report preview in the current language, the
// reader's free findings / impression (and addendum after final), the consistency warnings to
// resolve or acknowledge, the sign buttons, and the full event history.
import { useEffect, useState } from 'react';
import type { MessageKey } from '../../../electron/shared/i18n';
import type { ReportTextField, ReviewEvent, StudyReview } from '../../../electron/shared/reports';
import { findingKey } from '../../../electron/shared/reports';
import { useI18n } from '../i18n/i18n-context';

function TextField({ field, value, onSave }: { field: ReportTextField; value: string; onSave(text: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <label className="review-text">
      <span>{t(`review.${field}` as MessageKey)}</span>
      <textarea value={text} rows={field === 'impression' ? 4 : 3} onChange={(e) => setText(e.target.value)} data-testid={`review-text-${field}`} />
      <button type="button" disabled={text === value} onClick={() => onSave(text)} data-testid={`review-save-${field}`}>
        {t('review.saveText')}
      </button>
    </label>
  );
}

function HistoryRow({ event, undone }: { event: ReviewEvent; undone: boolean }) {
  const { t } = useI18n();
  const after = event.after as { status?: string; field?: string; targetEventId?: number } | null;
  const detail =
    event.action === 'sign'
      ? t(`review.status.${after?.status ?? 'draft'}` as MessageKey)
      : event.action === 'undo'
        ? `#${after?.targetEventId ?? ''}`
        : event.action === 'set-text'
          ? t(`review.${after?.field ?? 'impression'}` as MessageKey)
          : event.finding
            ? findingKey(event.finding)
            : '';
  return (
    <li data-testid="review-history-event" data-action={event.action} className={undone ? 'undone' : undefined}>
      <span className="muted">#{event.id} {event.at.replace('T', ' ').slice(0, 19)}</span> {event.reader.name} ({t(`review.role.${event.reader.role}` as MessageKey)}) {t(`review.action.${event.action}` as MessageKey)} {detail}
      {event.reason ? ` · ${t(`review.reason.${event.reason}` as MessageKey)}` : ''}
      {event.reasonText ? ` · ${event.reasonText}` : ''}
      {undone ? ` (${t('review.undone')})` : ''}
    </li>
  );
}

export function ReportEditor({
  review,
  preview,
  onText,
  onAcknowledge,
  onSign,
}: {
  review: StudyReview;
  preview: string;
  onText(field: ReportTextField, text: string): void;
  onAcknowledge(key: string): void;
  onSign(status: 'preliminary' | 'final' | 'addendum'): void;
}) {
  const { t, language } = useI18n();
  const locked = review.status === 'final' || review.status === 'addendum';
  const report = review.report;
  const undone = new Set(
    review.events.filter((e) => e.action === 'undo').map((e) => (e.after as { targetEventId: number }).targetEventId),
  );
  return (
    <section className="review-report" data-testid="review-report">
      <h3>{t('review.report')}</h3>
      {!locked && <TextField field="freeFindings" value={report.freeFindings} onSave={(text) => onText('freeFindings', text)} />}
      {!locked && <TextField field="impression" value={report.impression} onSave={(text) => onText('impression', text)} />}
      {locked && <TextField field="addendum" value={report.addendum ?? ''} onSave={(text) => onText('addendum', text)} />}
      {!locked && (
        <div className="review-warnings" data-testid="review-warnings">
          <h4>{t('review.warnings')}</h4>
          {report.warnings.length === 0 && <p className="muted">{t('review.noWarnings')}</p>}
          <ul>
            {report.warnings.map((w) => (
              <li key={w.key} data-testid="review-warning" data-kind={w.kind} data-acknowledged={w.acknowledged}>
                {w.message[language]}{' '}
                {w.acknowledged ? (
                  <span className="muted">{t('review.acknowledged')}</span>
                ) : (
                  <button type="button" onClick={() => onAcknowledge(w.key)} data-testid="review-acknowledge">
                    {t('review.acknowledge')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="review-buttons">
        {review.status === 'draft' && (
          <button type="button" onClick={() => onSign('preliminary')} data-testid="review-sign-preliminary">
            {t('review.signPreliminary')}
          </button>
        )}
        {!locked && (
          <button type="button" onClick={() => onSign('final')} data-testid="review-sign-final">
            {t('review.signFinal')}
          </button>
        )}
        {locked && (
          <button type="button" onClick={() => onSign('addendum')} data-testid="review-sign-addendum">
            {t('review.signAddendum')}
          </button>
        )}
      </div>
      <h4>{t('review.preview')}</h4>
      <pre className="review-preview" data-testid="review-preview">
        {preview}
      </pre>
      <h4>{t('review.history')}</h4>
      <ol className="review-history" data-testid="review-history">
        {review.events.map((e) => (
          <HistoryRow key={e.id} event={e} undone={undone.has(e.id)} />
        ))}
      </ol>
    </section>
  );
}
