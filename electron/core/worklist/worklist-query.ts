// The worklist's reads: one page of studies with the total and facet counts, and one study
// with its series. Rows come from `studies` alone (patient fields are copied there by the
// triggers of migration 0003), so sorting and filtering never need a join.
import type { Database } from '../store/database';
import {
  type SeriesSummary,
  type StudyDetail,
  STUDY_PRIORITIES,
  STUDY_STATUSES,
  type StudyPriority,
  type StudyStatus,
  type WorklistCounts,
  type WorklistPage,
  type WorklistQuery,
  type WorklistRow,
} from '../../shared/studies';
import { orderByClause, PROBE_MIN_MATCHES, type ProbeChoice, whereClause } from './worklist-sql';
import { attachAiSummaries } from './worklist-ai';

/** A worklist query for Node callers (the CLI): `limit: null` returns every matching study. */
export type WorklistQueryAll = Omit<WorklistQuery, 'limit'> & { limit: number | null };

const ROW_COLUMNS = `
  s.id, s.study_instance_uid, s.patient_name, s.patient_id, s.patient_sex, s.patient_birth_date,
  s.study_date, s.study_time, s.accession_number, s.study_description, s.modalities, s.priority,
  s.status, s.is_read, s.number_of_series, s.number_of_instances, s.imported_at`;

interface StudyRecord {
  id: number;
  study_instance_uid: string;
  patient_name: string;
  patient_id: string;
  patient_sex: string;
  patient_birth_date: string;
  study_date: string;
  study_time: string;
  accession_number: string;
  study_description: string;
  modalities: string;
  priority: StudyPriority;
  status: StudyStatus;
  is_read: number;
  number_of_series: number;
  number_of_instances: number;
  imported_at: string;
}

function toRow(r: StudyRecord): WorklistRow {
  return {
    studyInstanceUID: r.study_instance_uid,
    patientName: r.patient_name,
    patientID: r.patient_id,
    patientSex: r.patient_sex,
    patientBirthDate: r.patient_birth_date,
    studyDate: r.study_date,
    studyTime: r.study_time,
    accessionNumber: r.accession_number,
    studyDescription: r.study_description,
    // ModalitiesInStudy is backslash-separated (PS3.5 6.4 value multiplicity).
    modalities: r.modalities.split('\\').filter(Boolean),
    priority: r.priority,
    status: r.status,
    read: r.is_read === 1,
    numberOfSeries: r.number_of_series,
    numberOfInstances: r.number_of_instances,
    importedAt: r.imported_at,
  };
}

/** Decides IN or EXISTS for modality and CJK-gram filters from an index count of their matches. */
export function probeByMatchCount(db: Database): ProbeChoice {
  const modality = db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM study_modalities WHERE modality = ? LIMIT ?)');
  const gram = db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM study_cjk_grams WHERE gram = ? LIMIT ?)');
  return (table, value) =>
    ((table === 'modality' ? modality : gram).get(value, PROBE_MIN_MATCHES) as { n: number }).n >= PROBE_MIN_MATCHES;
}

/** The SQL of the page query, exported so tests can EXPLAIN it. */
export function pageSql(query: WorklistQueryAll, probe?: ProbeChoice): { sql: string; params: (string | number)[] } {
  const where = whereClause(query, { probe });
  const paging = query.limit === null ? (query.offset > 0 ? ' LIMIT -1 OFFSET ?' : '') : ' LIMIT ? OFFSET ?';
  const params = [...where.params];
  if (query.limit !== null) params.push(query.limit, query.offset);
  else if (query.offset > 0) params.push(query.offset);
  return {
    sql: `SELECT ${ROW_COLUMNS} FROM studies s ${where.sql} ${orderByClause(query.sort, query.direction)}${paging}`,
    params,
  };
}

/** The SQL of the facet query: one GROUP BY over the filters other than status, priority and read. */
export function facetSql(query: WorklistQueryAll): { sql: string; params: (string | number)[] } {
  const where = whereClause(query, { except: ['status', 'priority', 'read'] });
  return {
    sql: `SELECT s.status AS st, s.priority AS pr, s.is_read AS rd, count(*) AS n FROM studies s ${where.sql} GROUP BY 1, 2, 3`,
    params: where.params,
  };
}

interface FacetRow {
  st: StudyStatus;
  pr: StudyPriority;
  rd: number;
  n: number;
}

/** Total and facet counts from the (status, priority, read) groups, applying the remaining filters in JS. */
function countsFrom(groups: FacetRow[], query: WorklistQueryAll): { total: number; counts: WorklistCounts } {
  const statusOk = (g: FacetRow) => !query.status?.length || query.status.includes(g.st);
  const priorityOk = (g: FacetRow) => !query.priority?.length || query.priority.includes(g.pr);
  const readOk = (g: FacetRow) => query.read === undefined || (g.rd === 1) === query.read;

  const status = Object.fromEntries(STUDY_STATUSES.map((s) => [s, 0])) as Record<StudyStatus, number>;
  const priority = Object.fromEntries(STUDY_PRIORITIES.map((p) => [p, 0])) as Record<StudyPriority, number>;
  let unread = 0;
  let total = 0;
  for (const g of groups) {
    if (priorityOk(g) && readOk(g)) status[g.st] += g.n;
    if (statusOk(g) && readOk(g)) priority[g.pr] += g.n;
    if (g.rd === 0 && statusOk(g) && priorityOk(g)) unread += g.n;
    if (statusOk(g) && priorityOk(g) && readOk(g)) total += g.n;
  }
  return { total, counts: { status, priority, unread } };
}

/**
 * Facet groups are the costly part of a list call (they touch every matching study), and paging
 * or re-sorting does not change them, so they are cached per filter set until the database
 * changes: `data_version` moves on commits by other connections (the import writer), and
 * `total_changes()` on this connection's own writes.
 */
const facetCaches = new WeakMap<Database, { stamp: string; groups: Map<string, FacetRow[]> }>();
const MAX_CACHED_FACETS = 64;

function cachedFacetGroups(db: Database, facets: { sql: string; params: (string | number)[] }): FacetRow[] {
  const stamp = `${String(db.pragma('data_version', { simple: true }))}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
  let cache = facetCaches.get(db);
  if (!cache || cache.stamp !== stamp || cache.groups.size >= MAX_CACHED_FACETS) {
    cache = { stamp, groups: new Map() };
    facetCaches.set(db, cache);
  }
  const key = JSON.stringify([facets.sql, facets.params]);
  let groups = cache.groups.get(key);
  if (!groups) {
    groups = db.prepare(facets.sql).all(...facets.params) as FacetRow[];
    cache.groups.set(key, groups);
  }
  return groups;
}

/** Drops the cached facet counts of `db` (benchmarks measure the uncached cost with it). */
export function forgetFacetCounts(db: Database): void {
  facetCaches.delete(db);
}

export function listStudies(db: Database, query: WorklistQueryAll): WorklistPage {
  // One read transaction, so rows and counts describe the same snapshot while an import writes.
  return db.transaction(() => {
    const page = pageSql(query, probeByMatchCount(db));
    const facets = facetSql(query);
    const rows = attachAiSummaries(db, (db.prepare(page.sql).all(...page.params) as StudyRecord[]).map(toRow));
    return { rows, ...countsFrom(cachedFacetGroups(db, facets), query) };
  }).deferred();
}

// Columns aliased to the SeriesSummary fields, so rows need no mapping.
const SERIES_SQL = `
  SELECT se.series_instance_uid AS seriesInstanceUID, se.modality, se.series_description AS seriesDescription,
         se.series_number AS seriesNumber, se.number_of_instances AS numberOfInstances, se.sop_class_uid AS sopClassUID,
         se.body_part AS bodyPartExamined
  FROM series se JOIN studies s ON s.id = se.study_ref
  WHERE s.study_instance_uid = ? ORDER BY se.series_number IS NULL, se.series_number, se.id`;

/** A reader of the series of one study, prepared once (the CLI prints every study with its series). */
export function seriesReader(db: Database): (studyInstanceUID: string) => SeriesSummary[] {
  const statement = db.prepare<[string], SeriesSummary>(SERIES_SQL);
  return (uid) => statement.all(uid);
}

interface DetailRecord extends StudyRecord {
  study_id: string;
  referring_physician: string;
  institution_name: string;
  body_part: string;
}

/** One study with its series, or null when no study has this UID. */
export function getStudy(db: Database, studyInstanceUID: string): StudyDetail | null {
  const record = db
    .prepare(
      `SELECT ${ROW_COLUMNS}, s.study_id, s.referring_physician, s.institution_name, s.body_part
       FROM studies s WHERE s.study_instance_uid = ?`,
    )
    .get(studyInstanceUID) as DetailRecord | undefined;
  if (!record) return null;
  return {
    ...toRow(record),
    studyID: record.study_id,
    referringPhysicianName: record.referring_physician,
    institutionName: record.institution_name,
    bodyPartExamined: record.body_part,
    series: seriesReader(db)(studyInstanceUID),
  };
}
