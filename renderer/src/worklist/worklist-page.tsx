// The reading-room worklist: search and filters, the study table, paging, import actions with
// live progress, drag-and-drop. Every key goes through the shortcut registry (scope 'worklist').
import { useCallback, useRef, useState } from 'react';
import { navigate } from '../app/hash-route';
import { useI18n } from '../i18n/i18n-context';
import { useShortcut } from '../shortcuts/shortcut-context';
import { ImportButtons, ImportProgressBar, useImportActions } from './import-panel';
import { canUpload, collectDroppedFiles } from './upload-files';
import { fill } from './worklist-format';
import { WorklistTable } from './worklist-table';
import { WorklistToolbar } from './worklist-toolbar';
import { PAGE_SIZE, useWorklist } from './use-worklist';
import './worklist.css';

export function WorklistPage() {
  const { t } = useI18n();
  const worklist = useWorklist();
  const imports = useImportActions();
  const search = useRef<HTMLInputElement>(null);
  const tableArea = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);

  const { page, selectedRow, pageIndex } = worklist;
  const rows = page?.rows ?? [];
  const total = page?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const open = useCallback(() => {
    // Enter on a focused button (a sort header, a chip) presses it rather than opening a study.
    const active = document.activeElement;
    if (active instanceof HTMLButtonElement) {
      active.click();
      return;
    }
    if (selectedRow) navigate({ page: 'viewer', studyInstanceUID: selectedRow.studyInstanceUID });
  }, [selectedRow]);

  useShortcut('worklist.up', useCallback(() => worklist.move(-1), [worklist]));
  useShortcut('worklist.down', useCallback(() => worklist.move(1), [worklist]));
  useShortcut('worklist.open', open);
  useShortcut('worklist.search', useCallback(() => search.current?.focus(), []));
  useShortcut(
    'worklist.cyclePriority',
    useCallback(() => selectedRow && void worklist.cyclePriority(selectedRow), [selectedRow, worklist]),
  );
  useShortcut('worklist.toggleRead', useCallback(() => selectedRow && void worklist.toggleRead(selectedRow), [selectedRow, worklist]));
  useShortcut('worklist.pageUp', useCallback(() => worklist.goToPage(pageIndex - 1), [worklist, pageIndex]));
  useShortcut('worklist.pageDown', useCallback(() => worklist.goToPage(pageIndex + 1), [worklist, pageIndex]));
  useShortcut('worklist.first', useCallback(() => worklist.select(0), [worklist]));
  useShortcut('worklist.last', useCallback(() => worklist.select(Math.max(0, rows.length - 1)), [worklist, rows.length]));

  const from = total === 0 ? 0 : pageIndex * PAGE_SIZE + 1;
  const to = pageIndex * PAGE_SIZE + rows.length;

  return (
    <main
      className="page worklist-page"
      data-testid="worklist-page"
      onDragOver={(event) => {
        if (!canUpload() || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void collectDroppedFiles(event.dataTransfer).then((files) => imports.importFiles(files));
      }}
    >
      <div className="worklist-header">
        <h1>{t('worklist.title')}</h1>
        <span className="worklist-totals" data-testid="worklist-total">
          {fill(t('worklist.totalStudies'), { total })}
          {page && page.counts.unread > 0 && <span className="unread-total"> · {fill(t('worklist.unreadCount'), { n: page.counts.unread })}</span>}
        </span>
        <span className="spacer" />
        <ImportButtons actions={imports} />
      </div>
      <ImportProgressBar actions={imports} />
      <WorklistToolbar
        ref={search}
        filters={worklist.filters}
        counts={page?.counts ?? null}
        onChange={worklist.setFilters}
        onLeaveSearch={() => tableArea.current?.focus()}
      />
      <div className="worklist-table-area" ref={tableArea} tabIndex={-1}>
        <WorklistTable
          rows={rows}
          selected={worklist.selected}
          sort={worklist.sort}
          direction={worklist.direction}
          onSort={worklist.toggleSort}
          onSelect={worklist.select}
          onOpen={(row) => navigate({ page: 'viewer', studyInstanceUID: row.studyInstanceUID })}
          onCyclePriority={(row) => void worklist.cyclePriority(row)}
        />
        {page && rows.length === 0 && (
          <p className="worklist-empty muted" data-testid="worklist-empty">
            {total === 0 && Object.keys(worklist.filters).every((k) => worklist.filters[k as keyof typeof worklist.filters] === undefined)
              ? t('worklist.empty')
              : t('worklist.noMatch')}
          </p>
        )}
      </div>
      <div className="worklist-footer">
        <span data-testid="worklist-page-info">{fill(t('worklist.pageInfo'), { from, to, total })}</span>
        <span className="spacer" />
        <button type="button" data-testid="page-prev" disabled={pageIndex === 0} onClick={() => worklist.goToPage(pageIndex - 1)}>
          ‹ {t('worklist.prevPage')}
        </button>
        <span className="page-number">
          {pageIndex + 1} / {pageCount}
        </span>
        <button type="button" data-testid="page-next" disabled={pageIndex >= pageCount - 1} onClick={() => worklist.goToPage(pageIndex + 1)}>
          {t('worklist.nextPage')} ›
        </button>
      </div>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          {t('import.dropHere')}
        </div>
      )}
    </main>
  );
}
