// Search and filters of the worklist. Chips show how many studies each choice would give
// (facet counts from studies:list), so the reader sees the STAT load at a glance.
import { forwardRef, useEffect, useState } from 'react';
import {
  STUDY_PRIORITIES,
  STUDY_STATUSES,
  type StudyPriority,
  type StudyStatus,
  type WorklistCounts,
} from '../../../electron/shared/studies';
import { useI18n } from '../i18n/i18n-context';
import type { WorklistFilters } from './use-worklist';

/** Modalities a general radiology department reads (PS3.3 C.7.3.1.1.1 defined terms). */
const MODALITIES = ['CT', 'MR', 'CR', 'DX', 'MG', 'US', 'PT', 'NM', 'XA', 'RF', 'SR', 'SEG', 'OT'];
const SEARCH_DEBOUNCE_MS = 200;

const toDA = (isoDate: string) => isoDate.replace(/-/g, '') || undefined;
const fromDA = (da: string | undefined) => (da ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : '');

function toggle<T>(list: readonly T[] | undefined, value: T): T[] | undefined {
  const next = list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
  return next.length > 0 ? next : undefined;
}

export interface WorklistToolbarProps {
  filters: WorklistFilters;
  counts: WorklistCounts | null;
  onChange(update: (current: WorklistFilters) => WorklistFilters): void;
  /** Where ↓ / Enter in the search box send the focus. */
  onLeaveSearch(): void;
}

export const WorklistToolbar = forwardRef<HTMLInputElement, WorklistToolbarProps>(function WorklistToolbar(props, searchRef) {
  const { t } = useI18n();
  const { filters, counts, onChange } = props;
  const [text, setText] = useState(filters.search ?? '');

  useEffect(() => {
    const timer = setTimeout(() => onChange((f) => (f.search === (text || undefined) ? f : { ...f, search: text || undefined })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  const active = Object.values(filters).some((v) => v !== undefined);

  return (
    <div className="worklist-toolbar">
      <input
        ref={searchRef}
        type="search"
        className="worklist-search"
        data-testid="worklist-search"
        aria-label={t('worklist.searchLabel')}
        placeholder={t('worklist.searchPlaceholder')}
        value={text}
        maxLength={64}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === 'Escape') {
            event.preventDefault();
            if (event.key === 'Enter') onChange((f) => ({ ...f, search: text || undefined }));
            props.onLeaveSearch();
          }
        }}
      />
      <select
        aria-label={t('worklist.modality')}
        data-testid="filter-modality"
        value={filters.modality ?? ''}
        onChange={(event) => onChange((f) => ({ ...f, modality: event.target.value || undefined }))}
      >
        <option value="">{t('worklist.allModalities')}</option>
        {MODALITIES.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label className="date-filter">
        <span>{t('worklist.dateFrom')}</span>
        <input type="date" data-testid="filter-date-from" value={fromDA(filters.dateFrom)} onChange={(e) => onChange((f) => ({ ...f, dateFrom: toDA(e.target.value) }))} />
      </label>
      <label className="date-filter">
        <span>{t('worklist.dateTo')}</span>
        <input type="date" data-testid="filter-date-to" value={fromDA(filters.dateTo)} onChange={(e) => onChange((f) => ({ ...f, dateTo: toDA(e.target.value) }))} />
      </label>
      <div className="chip-group" role="group" aria-label={t('worklist.col.priority')}>
        {STUDY_PRIORITIES.map((p: StudyPriority) => (
          <button
            key={p}
            type="button"
            className={`chip chip-priority-${p}`}
            aria-pressed={filters.priority?.includes(p) ?? false}
            data-testid={`filter-priority-${p}`}
            onClick={() => onChange((f) => ({ ...f, priority: toggle(f.priority, p) }))}
          >
            {t(`priority.${p}`)} <span className="chip-count">{counts?.priority[p] ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="chip-group" role="group" aria-label={t('worklist.col.status')}>
        {STUDY_STATUSES.map((s: StudyStatus) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={filters.status?.includes(s) ?? false}
            data-testid={`filter-status-${s}`}
            onClick={() => onChange((f) => ({ ...f, status: toggle(f.status, s) }))}
          >
            {t(`status.${s}`)} <span className="chip-count">{counts?.status[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <button
        type="button"
        className="chip"
        aria-pressed={filters.read === false}
        data-testid="filter-unread"
        onClick={() => onChange((f) => ({ ...f, read: f.read === false ? undefined : false }))}
      >
        {t('worklist.unreadOnly')} <span className="chip-count">{counts?.unread ?? 0}</span>
      </button>
      {active && (
        <button
          type="button"
          className="link-button"
          data-testid="clear-filters"
          onClick={() => {
            setText('');
            onChange(() => ({}));
          }}
        >
          {t('worklist.clearFilters')}
        </button>
      )}
    </div>
  );
});
