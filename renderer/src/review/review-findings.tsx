// The findings of a study under review: AI provenance (model, version, probability, uncertainty,
// low-confidence flag), the disposition, and the actions (accept, reject with a reason, edit).
import { type ReactNode, useState } from 'react';
import type { MessageKey } from '../../../electron/shared/i18n';
import { findingKey, REJECT_REASONS, type RejectReason, type ReportFinding } from '../../../electron/shared/reports';
import { useI18n } from '../i18n/i18n-context';

const mm = (v: number | undefined) => (v === undefined ? null : `${v.toFixed(1)} mm`);

export function FindingSummary({ finding }: { finding: ReportFinding }) {
  const { t, language } = useI18n();
  const v = finding.values;
  const size = v.longAxisMm !== undefined ? (v.shortAxisMm !== undefined ? `${v.longAxisMm.toFixed(1)} × ${v.shortAxisMm.toFixed(1)} mm` : mm(v.longAxisMm)) : null;
  const facts = [
    finding.locationName?.[language] ?? v.location ?? null,
    v.consistency ? t(`review.consistency.${v.consistency}` as MessageKey) : null,
    size,
    finding.lungRads ? `Lung-RADS ${finding.lungRads.category}` : null,
  ].filter((f): f is string => !!f);
  return (
    <span className="review-finding-summary">
      <strong>{t(`review.type.${finding.type}` as MessageKey)}</strong> {facts.join(' · ')}
    </span>
  );
}

function Provenance({ finding }: { finding: ReportFinding }) {
  const { t } = useI18n();
  const ai = finding.ai;
  if (!ai) return null;
  return (
    <div className="review-provenance" data-testid="review-provenance">
      <span>
        {t('review.model')}: {ai.modelId} {ai.modelVersion}
      </span>
      {ai.probability !== undefined && (
        <span>
          {t('review.probability')}: {(ai.probability * 100).toFixed(0)}%
        </span>
      )}
      {ai.uncertainty !== undefined && (
        <span>
          {t('review.uncertainty')}: {ai.uncertainty.toFixed(2)}
        </span>
      )}
      {ai.lowConfidence && (
        <span className="review-low-confidence" data-testid="review-low-confidence">
          {t('review.lowConfidence')}
        </span>
      )}
    </div>
  );
}

export function RejectForm({ onReject, onCancel }: { onReject(reason: RejectReason, text: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<RejectReason>('vessel');
  const [text, setText] = useState('');
  return (
    <form
      className="review-form"
      data-testid="review-reject-form"
      onSubmit={(e) => {
        e.preventDefault();
        onReject(reason, text.trim());
      }}
    >
      <label className="review-field">
        <span>{t('review.reason')}</span>
        <select value={reason} onChange={(e) => setReason(e.target.value as RejectReason)} data-testid="review-reject-reason" autoFocus>
          {REJECT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`review.reason.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="review-field">
        <span>{t('review.reasonText')}</span>
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={500} data-testid="review-reject-text" />
      </label>
      <div className="review-buttons">
        <button type="submit" data-testid="review-reject-confirm">
          {t('review.reject')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('review.cancel')}
        </button>
      </div>
    </form>
  );
}

export function ReviewFindingRow({
  finding,
  selected,
  locked,
  onSelect,
  onAccept,
  onReject,
  onEdit,
  children,
}: {
  finding: ReportFinding;
  selected: boolean;
  locked: boolean;
  onSelect(): void;
  onAccept(): void;
  onReject(): void;
  onEdit(): void;
  /** The open reject or edit form of this finding. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <li
      className={`review-finding disposition-${finding.disposition}`}
      aria-selected={selected}
      data-testid="review-finding"
      data-finding-key={findingKey(finding.ref)}
      data-disposition={finding.disposition}
    >
      <button type="button" className="review-finding-jump" onClick={onSelect}>
        <FindingSummary finding={finding} />
        <span className="review-disposition" data-testid="review-disposition">
          {t(`review.disposition.${finding.disposition}` as MessageKey)}
          {finding.reason ? ` · ${t(`review.reason.${finding.reason}` as MessageKey)}` : ''}
        </span>
        {finding.disposition === 'pending' && <span className="review-ai-badge">{t('review.aiSuggestion')}</span>}
      </button>
      <Provenance finding={finding} />
      {selected && !locked && (
        <div className="review-buttons">
          <button type="button" onClick={onAccept} data-testid="review-accept">
            {t('review.accept')}
          </button>
          <button type="button" onClick={onReject} data-testid="review-reject">
            {t('review.reject')}
          </button>
          <button type="button" onClick={onEdit} data-testid="review-edit">
            {t('review.edit')}
          </button>
        </div>
      )}
      {children}
    </li>
  );
}
