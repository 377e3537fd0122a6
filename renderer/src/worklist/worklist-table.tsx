// The dense worklist table: sortable headers, one row per study, the selected row followed by
// the keyboard. Priority badges are buttons (click cycles routine → urgent → STAT). The AI column
// shows the study's AI job state and triage flags; sorting by it puts flagged studies first within a priority.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../../../electron/shared/i18n';
import type { WorklistRow, WorklistSortColumn } from '../../../electron/shared/studies';
import { useI18n } from '../i18n/i18n-context';
import { AGE_KEYS, ageAtStudy, displayDate, displayName, displayTime, fill } from './worklist-format';

interface Column {
  id: string;
  label: MessageKey;
  sort: WorklistSortColumn | null;
  className: string;
}

const COLUMNS: Column[] = [
  { id: 'priority', label: 'worklist.col.priority', sort: 'priority', className: 'col-priority' },
  { id: 'name', label: 'worklist.col.patientName', sort: 'patientName', className: 'col-name' },
  { id: 'id', label: 'worklist.col.patientID', sort: 'patientID', className: 'col-id' },
  { id: 'sexAge', label: 'worklist.col.sexAge', sort: null, className: 'col-sex' },
  { id: 'date', label: 'worklist.col.studyDateTime', sort: 'studyDateTime', className: 'col-date' },
  { id: 'modality', label: 'worklist.col.modalities', sort: 'modalities', className: 'col-mod' },
  { id: 'description', label: 'worklist.col.studyDescription', sort: 'studyDescription', className: 'col-desc' },
  { id: 'accession', label: 'worklist.col.accessionNumber', sort: 'accessionNumber', className: 'col-acc' },
  { id: 'counts', label: 'worklist.col.seriesImages', sort: 'numberOfInstances', className: 'col-count' },
  { id: 'status', label: 'worklist.col.status', sort: 'status', className: 'col-status' },
  { id: 'ai', label: 'worklist.col.ai', sort: 'ai', className: 'col-ai' },
];

const SEX_KEYS: Record<string, MessageKey> = { M: 'worklist.sex.M', F: 'worklist.sex.F', O: 'worklist.sex.O' };

export interface WorklistTableProps {
  rows: WorklistRow[];
  selected: number;
  sort: WorklistSortColumn;
  direction: 'asc' | 'desc';
  onSort(column: WorklistSortColumn): void;
  onSelect(index: number): void;
  onOpen(row: WorklistRow): void;
  onCyclePriority(row: WorklistRow): void;
}

export function WorklistTable(props: WorklistTableProps) {
  const { t, language } = useI18n();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    body.current?.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [props.selected, props.rows]);

  return (
    <table className="worklist-table" data-testid="worklist-table" aria-rowcount={props.rows.length}>
      <thead>
        <tr>
          {COLUMNS.map((col) => {
            const active = col.sort !== null && (props.sort === col.sort || (col.sort === 'priority' && props.sort === 'default'));
            const ariaSort = active ? (props.direction === 'asc' && props.sort !== 'default' ? 'ascending' : 'descending') : undefined;
            return (
              <th key={col.id} className={col.className} aria-sort={ariaSort} scope="col">
                {col.sort ? (
                  <button type="button" className="sort-header" data-testid={`sort-${col.sort}`} onClick={() => props.onSort(col.sort!)}>
                    {t(col.label)}
                    <span className="sort-arrow" aria-hidden="true">
                      {active ? (ariaSort === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  t(col.label)
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body}>
        {props.rows.map((row, index) => {
          const name = displayName(row.patientName);
          const age = ageAtStudy(row.patientBirthDate, row.studyDate);
          const sexKey = SEX_KEYS[row.patientSex];
          return (
            <tr
              key={row.studyInstanceUID}
              aria-selected={index === props.selected}
              className={`${row.read ? 'is-read' : 'is-unread'} priority-${row.priority}`}
              data-uid={row.studyInstanceUID}
              data-testid="worklist-row"
              onClick={() => props.onSelect(index)}
              onDoubleClick={() => props.onOpen(row)}
            >
              <td className="col-priority">
                <button
                  type="button"
                  className={`priority-badge priority-${row.priority}`}
                  title={t('worklist.setPriority')}
                  data-testid="priority-badge"
                  onClick={(event) => {
                    event.stopPropagation();
                    props.onSelect(index);
                    props.onCyclePriority(row);
                  }}
                >
                  {t(`priority.${row.priority}`)}
                </button>
              </td>
              <td className="col-name" data-testid="patient-name">
                {!row.read && <span className="unread-dot" title={t('worklist.unread')} />}
                <span className="name-primary">{name.primary}</span>
                {name.secondary && <span className="name-secondary">{name.secondary}</span>}
              </td>
              <td className="col-id">{row.patientID}</td>
              <td className="col-sex">
                {sexKey ? t(sexKey) : row.patientSex}
                {age && <span className="age">{fill(t(AGE_KEYS[age.unit]), { n: age.value })}</span>}
              </td>
              <td className="col-date">
                {displayDate(row.studyDate)} <span className="time">{displayTime(row.studyTime)}</span>
              </td>
              <td className="col-mod">
                {row.modalities.map((m) => (
                  <span key={m} className="modality-tag">
                    {m}
                  </span>
                ))}
              </td>
              <td className="col-desc" title={row.studyDescription}>
                {row.studyDescription}
              </td>
              <td className="col-acc">{row.accessionNumber}</td>
              <td className="col-count">
                {row.numberOfSeries}
                <span className="muted"> / </span>
                {row.numberOfInstances}
              </td>
              <td className="col-status">
                <span className={`status-tag status-${row.status}`}>{t(`status.${row.status}`)}</span>
              </td>
              <td className="col-ai" data-testid="ai-cell">
                {/* Flags first: they are why the study moves up. */}
                {row.ai?.flags.map((flag) => (
                  <span key={flag.rule} className="triage-flag" data-testid="triage-flag" data-rule={flag.rule} title={`${flag.value.toFixed(1)} ${flag.unit}`}>
                    {flag.label[language]}
                  </span>
                ))}
                {row.ai?.state && (
                  <span className={`ai-state ai-${row.ai.state}`} data-testid="ai-state" data-state={row.ai.state}>
                    {row.ai.state === 'running' ? fill(t('ai.state.running'), { pct: Math.round(row.ai.progress * 100) }) : t(`ai.state.${row.ai.state}`)}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
