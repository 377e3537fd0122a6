// Builds the WHERE clause and ORDER BY of a worklist query. Every filter is written so that an
// index of migration 0003 can serve it (ranks instead of text for priority/status, the
// study_modalities and study_search tables instead of LIKE over joined text).
import {
  STUDY_PRIORITIES,
  STUDY_STATUSES,
  type WorklistQuery,
  type WorklistSortColumn,
} from '../../shared/studies';

export interface SqlFragment {
  sql: string;
  params: (string | number)[];
}

export type FilterName = 'search' | 'modality' | 'date' | 'status' | 'priority' | 'read';

/** Shortest query the trigram index can answer (FTS5 trigram needs 3 characters). */
export const TRIGRAM_MIN_LENGTH = 3;

/** CJK Radicals Supplement and above: the ideographs and kana of Chinese/Japanese/Korean names. */
const CJK_START = 0x2e80;

export type SearchPath = 'trigram' | 'cjk-grams' | 'scan' | 'none';

/** PN separators (^ between name parts, = between representations) are typed as spaces. */
export function normaliseSearch(raw: string | undefined): string {
  return (raw ?? '').replace(/[\^=]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function searchPathFor(search: string): SearchPath {
  const chars = [...search];
  if (chars.length === 0) return 'none';
  if (chars.length >= TRIGRAM_MIN_LENGTH) return 'trigram';
  return chars.every((c) => (c.codePointAt(0) ?? 0) >= CJK_START) ? 'cjk-grams' : 'scan';
}

/** An FTS5 string literal: the whole query is one phrase, so operators in it are plain text. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function searchFilter(search: string, probe: ProbeChoice): SqlFragment | null {
  switch (searchPathFor(search)) {
    case 'none':
      return null;
    case 'trigram':
      return { sql: 's.id IN (SELECT rowid FROM study_search WHERE study_search MATCH ?)', params: [ftsPhrase(search)] };
    case 'cjk-grams':
      return {
        sql: probe('gram', search)
          ? 'EXISTS (SELECT 1 FROM study_cjk_grams g WHERE g.gram = ? AND g.study_ref = s.id)'
          : 's.id IN (SELECT study_ref FROM study_cjk_grams WHERE gram = ?)',
        params: [search],
      };
    case 'scan': {
      // 1–2 Latin characters or digits: no index can help; a scan of 100k rows costs ~20 ms (bench).
      const needle = search.toLowerCase();
      return {
        sql:
          "(instr(lower(replace(replace(s.patient_name, '^', ' '), '=', ' ')), ?) > 0" +
          ' OR instr(lower(s.patient_id), ?) > 0 OR instr(lower(s.accession_number), ?) > 0)',
        params: [needle, needle, needle],
      };
    }
  }
}

const rankList = (values: readonly string[], order: readonly string[]) => values.map((v) => order.indexOf(v));

/**
 * Whether to find a page by walking the sort index and probing each study (EXISTS) instead of
 * collecting every match and sorting it (IN). Probing wins when matches are common (CT: 40% of
 * studies) and loses when they are rare; measured at 100k studies, see test/bench/worklist.
 */
export type ProbeChoice = (table: 'modality' | 'gram', value: string) => boolean;

/** Matches above which probing is the faster page plan (a page of 50 is then found within ~2,500 index rows). */
export const PROBE_MIN_MATCHES = 2000;

export interface WhereOptions {
  /** Filters to leave out (facet counts). */
  except?: readonly FilterName[];
  /** Absent: always IN (right for counting every match). */
  probe?: ProbeChoice;
}

/** The WHERE clause for `query`. */
export function whereClause(query: Omit<WorklistQuery, 'limit'>, options: WhereOptions = {}): SqlFragment {
  const except = options.except ?? [];
  const probe = options.probe ?? (() => false);
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (fragment: SqlFragment | null) => {
    if (!fragment) return;
    parts.push(fragment.sql);
    params.push(...fragment.params);
  };
  const use = (name: FilterName) => !except.includes(name);

  if (use('search')) add(searchFilter(normaliseSearch(query.search), probe));
  if (use('modality') && query.modality) {
    add({
      sql: probe('modality', query.modality)
        ? 'EXISTS (SELECT 1 FROM study_modalities m WHERE m.modality = ? AND m.study_ref = s.id)'
        : 's.id IN (SELECT study_ref FROM study_modalities WHERE modality = ?)',
      params: [query.modality],
    });
  }
  if (use('date') && query.dateFrom) add({ sql: 's.study_date >= ?', params: [query.dateFrom] });
  if (use('date') && query.dateTo) add({ sql: 's.study_date <= ?', params: [query.dateTo] });
  if (use('status') && query.status && query.status.length > 0) {
    const ranks = rankList(query.status, STUDY_STATUSES);
    add({ sql: `s.status_rank IN (${ranks.map(() => '?').join(', ')})`, params: ranks });
  }
  if (use('priority') && query.priority && query.priority.length > 0) {
    const ranks = rankList(query.priority, STUDY_PRIORITIES);
    add({ sql: `s.priority_rank IN (${ranks.map(() => '?').join(', ')})`, params: ranks });
  }
  if (use('read') && query.read !== undefined) add({ sql: 's.is_read = ?', params: [query.read ? 1 : 0] });

  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Sort keys; the rowid tiebreak runs in the same direction so one index serves the whole ORDER BY. */
const SORT_KEYS: Record<Exclude<WorklistSortColumn, 'default' | 'priority' | 'ai'>, string> = {
  patientName: 's.patient_name COLLATE NOCASE',
  patientID: 's.patient_id COLLATE NOCASE',
  studyDateTime: 's.study_datetime',
  modalities: 's.modalities',
  studyDescription: 's.study_description COLLATE NOCASE',
  accessionNumber: 's.accession_number COLLATE NOCASE',
  status: 's.status_rank',
  numberOfSeries: 's.number_of_series',
  numberOfInstances: 's.number_of_instances',
  importedAt: 's.imported_at',
};

export function orderByClause(sort: WorklistSortColumn, direction: 'asc' | 'desc'): string {
  if (sort === 'default') {
    // Reading order: STAT first, then the newest study; "desc" reverses it as a whole.
    return direction === 'asc'
      ? 'ORDER BY s.priority_rank ASC, s.study_datetime DESC, s.id DESC'
      : 'ORDER BY s.priority_rank DESC, s.study_datetime ASC, s.id ASC';
  }
  if (sort === 'priority') {
    // Descending priority (STAT first) is the reading order itself; ties go by date through the same index.
    return orderByClause('default', direction === 'desc' ? 'asc' : 'desc');
  }
  if (sort === 'ai') {
    // Like priority: "desc" is the reading order, with AI-flagged studies first within a priority (index studies_wl_ai, 0008).
    return direction === 'desc'
      ? 'ORDER BY s.priority_rank ASC, s.ai_flagged DESC, s.study_datetime DESC, s.id DESC'
      : 'ORDER BY s.priority_rank DESC, s.ai_flagged ASC, s.study_datetime ASC, s.id ASC';
  }
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${SORT_KEYS[sort]} ${dir}, s.id ${dir}`;
}
