// The worklist's state: the query (search, filters, sort, page), the current page from
// `studies:list`, the selected row, and live refresh on `studies:changed` and AI job events.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  STUDY_PRIORITIES,
  type StudyPriority,
  type WorklistPage,
  type WorklistQueryInput,
  type WorklistRow,
  type WorklistSortColumn,
} from '../../../electron/shared/studies';
import { summarizeJobs } from '../../../electron/shared/study-ai';
import { call, useClient } from '../app/client-context';

export const PAGE_SIZE = 50;
/** At most one reload per this many ms while an import streams `studies:changed`. */
const REFRESH_INTERVAL_MS = 400;

export type WorklistFilters = Omit<WorklistQueryInput, 'sort' | 'direction' | 'limit' | 'offset'>;

export interface WorklistState {
  filters: WorklistFilters;
  sort: WorklistSortColumn;
  direction: 'asc' | 'desc';
  pageIndex: number;
  page: WorklistPage | null;
  selected: number;
  selectedRow: WorklistRow | null;
  setFilters(update: (current: WorklistFilters) => WorklistFilters): void;
  toggleSort(column: WorklistSortColumn): void;
  goToPage(index: number): void;
  select(index: number): void;
  /** Moves the selection by `delta` rows, crossing page boundaries. */
  move(delta: number): void;
  cyclePriority(row: WorklistRow): Promise<void>;
  toggleRead(row: WorklistRow): Promise<void>;
}

/** routine → urgent → STAT → routine. */
export function nextPriority(priority: StudyPriority): StudyPriority {
  const order = [...STUDY_PRIORITIES].reverse();
  return order[(order.indexOf(priority) + 1) % order.length] ?? 'routine';
}

export function useWorklist(): WorklistState {
  const client = useClient();
  const [filters, setFiltersState] = useState<WorklistFilters>({});
  const [sort, setSort] = useState<WorklistSortColumn>('default');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const [pageIndex, setPageIndex] = useState(0);
  const [page, setPage] = useState<WorklistPage | null>(null);
  const [selected, setSelected] = useState(0);
  const [reloads, setReloads] = useState(0);
  // After a page change by the keyboard, where the selection lands on the new page.
  const landing = useRef<'first' | 'last' | null>(null);
  const selectedUid = useRef<string | null>(null);

  useEffect(() => {
    let alive = true;
    const query: WorklistQueryInput = { ...filters, sort, direction, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE };
    void call(client, 'studies:list', query).then((result) => {
      if (!alive || !result) return;
      setPage(result);
      setSelected((current) => {
        if (landing.current === 'last') return Math.max(0, result.rows.length - 1);
        if (landing.current === 'first') return 0;
        // Keep the same study selected when a refresh reorders or inserts rows.
        const kept = result.rows.findIndex((r) => r.studyInstanceUID === selectedUid.current);
        return kept >= 0 ? kept : Math.min(current, Math.max(0, result.rows.length - 1));
      });
      landing.current = null;
    });
    return () => {
      alive = false;
    };
  }, [client, filters, sort, direction, pageIndex, reloads]);

  // Live updates: throttle reloads while an import announces batch after batch.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const reload = () => {
      if (timer) return;
      const wait = Math.max(0, last + REFRESH_INTERVAL_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        setReloads((n) => n + 1);
      }, wait);
    };
    const off = client.on('studies:changed', reload);
    // AI progress of a job shown on this page updates its row in place; a new job or a finished one reloads.
    const offProgress = client.on('ai:jobProgress', (e) => {
      let known = false;
      setPage((current) => {
        if (!current) return current;
        const rows = current.rows.map((row) => {
          if (!row.ai?.jobs.some((j) => j.id === e.jobId && j.state === e.state)) return row;
          known = true;
          const jobs = row.ai.jobs.map((j) => (j.id === e.jobId ? { ...j, progress: e.progress } : j));
          return { ...row, ai: { ...row.ai, ...summarizeJobs(jobs), jobs } };
        });
        return known ? { ...current, rows } : current;
      });
      if (!known) reload();
    });
    const offFinished = client.on('ai:jobFinished', reload);
    return () => {
      off();
      offProgress();
      offFinished();
      if (timer) clearTimeout(timer);
    };
  }, [client]);

  const rows = page?.rows ?? [];
  const selectedRow = rows[selected] ?? null;
  selectedUid.current = selectedRow?.studyInstanceUID ?? selectedUid.current;
  const pageCount = Math.max(1, Math.ceil((page?.total ?? 0) / PAGE_SIZE));

  const goToPage = useCallback(
    (index: number) => setPageIndex(Math.min(Math.max(0, index), pageCount - 1)),
    [pageCount],
  );

  const move = useCallback(
    (delta: number) => {
      const target = selected + delta;
      if (target < 0 && pageIndex > 0) {
        landing.current = 'last';
        setPageIndex(pageIndex - 1);
      } else if (target >= rows.length && pageIndex < pageCount - 1) {
        landing.current = 'first';
        setPageIndex(pageIndex + 1);
      } else {
        setSelected(Math.min(Math.max(0, target), Math.max(0, rows.length - 1)));
      }
    },
    [selected, rows.length, pageIndex, pageCount],
  );

  const setFilters = useCallback((update: (current: WorklistFilters) => WorklistFilters) => {
    setFiltersState(update);
    setPageIndex(0);
  }, []);

  const toggleSort = useCallback(
    (column: WorklistSortColumn) => {
      if (column === sort) setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
      else {
        setSort(column);
        // Dates, counts and priority read best newest/largest/most urgent first.
        setDirection(['studyDateTime', 'importedAt', 'numberOfSeries', 'numberOfInstances', 'priority', 'ai'].includes(column) ? 'desc' : 'asc');
      }
      setPageIndex(0);
    },
    [sort],
  );

  const cyclePriority = useCallback(
    async (row: WorklistRow) => {
      const updated = await call(client, 'studies:setPriority', { studyInstanceUID: row.studyInstanceUID, priority: nextPriority(row.priority) });
      if (updated) setReloads((n) => n + 1);
    },
    [client],
  );

  const toggleRead = useCallback(
    async (row: WorklistRow) => {
      const updated = await call(client, 'studies:setRead', { studyInstanceUID: row.studyInstanceUID, read: !row.read });
      if (updated) setReloads((n) => n + 1);
    },
    [client],
  );

  return {
    filters,
    sort,
    direction,
    pageIndex,
    page,
    selected,
    selectedRow,
    setFilters,
    toggleSort,
    goToPage,
    select: setSelected,
    move,
    cyclePriority,
    toggleRead,
  };
}
