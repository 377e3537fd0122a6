// Worklist query benchmark at 100,000 studies (`npm run bench:worklist`, run with tsx).
// Fills a fresh database through the real migrations and triggers, then times every hot
// worklist query as the UI sends it (page + total + facet counts, `listStudies`).
// Reference, same script, same rows: "no-index SQL" — a copy of the database with migration
// 0003's indexes, search tables and modality table dropped, queried the way one would without
// them (LIKE/instr substring scans over studies, LIKE on the modality list, sort by temp B-tree).
// Prints a table and one JSON line. Figures only; nothing here asserts a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '../../../electron/core/store/database';
import { forgetFacetCounts, listStudies, type WorklistQueryAll } from '../../../electron/core/worklist/worklist-query';
import { orderByClause } from '../../../electron/core/worklist/worklist-sql';
import { STUDY_PRIORITIES, STUDY_STATUSES, WORKLIST_SORT_COLUMNS, type WorklistQueryInput, worklistQuerySchema } from '../../../electron/shared/studies';
import { createSeeder, type SeedStudy } from '../../integration/core/worklist/study-seed';
import { syntheticStudies } from './synthetic-studies';

const STUDIES = Number(process.env.WORKLIST_BENCH_STUDIES ?? 100_000);
const RUNS = Number(process.env.WORKLIST_BENCH_RUNS ?? 25);

interface Case {
  name: string;
  query: WorklistQueryInput;
}

const CASES: Case[] = [
  { name: 'default page', query: {} },
  { name: 'page 1000 (offset 50k)', query: { offset: 50_000 } },
  { name: 'filter modality MR', query: { modality: 'MR' } },
  { name: 'filter modality NM (rare)', query: { modality: 'NM' } },
  { name: 'filter date range 1 month', query: { dateFrom: '20240301', dateTo: '20240331' } },
  { name: 'filter status in_review', query: { status: ['in_review'] } },
  { name: 'filter priority STAT', query: { priority: ['stat'] } },
  { name: 'filter unread', query: { read: false } },
  { name: 'filter STAT+unread+CT+2024', query: { priority: ['stat'], read: false, modality: 'CT', dateFrom: '20240101', dateTo: '20241231' } },
  ...WORKLIST_SORT_COLUMNS.filter((c) => c !== 'default').flatMap((sort) => [
    { name: `sort ${sort} asc`, query: { sort, direction: 'asc' as const } },
    { name: `sort ${sort} desc`, query: { sort, direction: 'desc' as const } },
  ]),
  { name: 'search Latin "wang" (3+)', query: { search: 'wang' } },
  { name: 'search Latin "xiaoming"', query: { search: 'xiaoming' } },
  { name: 'search Chinese "王" (1)', query: { search: '王' } },
  { name: 'search Chinese "小明" (2)', query: { search: '小明' } },
  { name: 'search Chinese "欧阳子涵" (4)', query: { search: '欧阳子涵' } },
  { name: 'search patient ID "P0001234"', query: { search: 'P0001234' } },
  { name: 'search accession "20012345"', query: { search: '20012345' } },
  { name: 'search Latin "zh" (2, scan path)', query: { search: 'zh' } },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => unknown): { p50: number; p95: number } {
  run(); // warm the page cache and statement cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The same page + total + facets without migration 0003's search and modality structures. */
function referenceList(db: Database, query: WorklistQueryAll): unknown {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const search = (query.search ?? '').replace(/[\^=]/g, ' ').trim().toLowerCase();
  if (search) {
    where.push(
      "(instr(lower(replace(replace(s.patient_name, '^', ' '), '=', ' ')), ?) > 0 OR instr(lower(s.patient_id), ?) > 0 OR instr(lower(s.accession_number), ?) > 0)",
    );
    params.push(search, search, search);
  }
  if (query.modality) {
    where.push("('\\' || s.modalities || '\\') LIKE ?");
    params.push(`%\\${query.modality}\\%`);
  }
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (query.dateFrom) add('s.study_date >= ?', query.dateFrom);
  if (query.dateTo) add('s.study_date <= ?', query.dateTo);
  if (query.status?.length) add(`s.status IN (${query.status.map(() => '?').join(',')})`, ...query.status);
  if (query.priority?.length) add(`s.priority IN (${query.priority.map(() => '?').join(',')})`, ...query.priority);
  if (query.read !== undefined) add('s.is_read = ?', query.read ? 1 : 0);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT * FROM studies s ${clause} ${orderByClause(query.sort, query.direction)} LIMIT ? OFFSET ?`).all(...params, query.limit ?? -1, query.offset);
  const facets = db.prepare(`SELECT status, priority, is_read, count(*) FROM studies s ${clause} GROUP BY 1, 2, 3`).all(...params);
  return [rows, facets];
}

function fill(db: Database): number {
  const seed = createSeeder(db);
  const t0 = Date.now();
  let batch: SeedStudy[] = [];
  const flush = db.transaction((studies: SeedStudy[]) => studies.forEach(seed));
  for (const study of syntheticStudies(STUDIES)) {
    batch.push(study);
    if (batch.length === 5000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  return (Date.now() - t0) / 1000;
}

const dir = mkdtempSync(path.join(tmpdir(), 'yingdu-worklist-bench-'));
try {
  const db = openDatabase(path.join(dir, 'yingdu.sqlite'));
  const fillSeconds = fill(db);
  db.exec('ANALYZE');
  const counts = db.prepare('SELECT (SELECT count(*) FROM studies) AS studies, (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM patients) AS patients').get() as Record<string, number>;
  process.stdout.write(`worklist bench: ${counts.studies} studies, ${counts.series} series, ${counts.patients} patients; filled in ${fillSeconds.toFixed(1)} s (${Math.round(counts.studies! / fillSeconds)} studies/s with triggers); ${RUNS} runs per query\n`);

  // The reference copy: same rows, none of the worklist's indexes or side tables.
  const refFile = path.join(dir, 'reference.sqlite');
  db.exec(`VACUUM INTO '${refFile.replace(/'/g, "''")}'`);
  const ref = openDatabase(refFile);
  for (const { name } of ref.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'studies_wl_%'").all() as { name: string }[]) {
    ref.exec(`DROP INDEX ${name}`);
  }
  ref.exec('DROP TABLE study_search; DROP TABLE study_cjk_grams; DROP TABLE study_modalities; ANALYZE');

  // "cold": facet counts recomputed (a new search or filter); "warm": cached (paging, re-sorting).
  const results: { name: string; rows: number; total: number; p50: number; p95: number; warmP50: number; refP50: number; refP95: number }[] = [];
  const header = `${'query'.padEnd(36)} ${'rows'.padStart(5)} ${'total'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'warm p50'.padStart(9)} ${'ref p50'.padStart(9)} ${'ref p95'.padStart(9)} ${'x'.padStart(6)}`;
  process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
  for (const c of CASES) {
    const query = worklistQuerySchema.parse(c.query);
    const page = listStudies(db, query);
    const ours = time(() => {
      forgetFacetCounts(db);
      return listStudies(db, query);
    });
    const warm = time(() => listStudies(db, query));
    const theirs = time(() => referenceList(ref, query));
    const r = { name: c.name, rows: page.rows.length, total: page.total, p50: ours.p50, p95: ours.p95, warmP50: warm.p50, refP50: theirs.p50, refP95: theirs.p95 };
    results.push(r);
    process.stdout.write(
      `${c.name.padEnd(36)} ${String(r.rows).padStart(5)} ${String(r.total).padStart(7)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.warmP50.toFixed(2).padStart(9)} ${r.refP50.toFixed(2).padStart(9)} ${r.refP95.toFixed(2).padStart(9)} ${(r.refP50 / r.p50).toFixed(1).padStart(6)}\n`,
    );
  }
  const sizes = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name IN ('study_search_data', 'study_cjk_grams', 'study_modalities') GROUP BY name").all();
  process.stdout.write(`search structures: ${JSON.stringify(sizes)}\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'worklist', studies: counts.studies, runs: RUNS, fillSeconds, reference: 'same rows without migration 0003 indexes/tables (naive SQL)', statuses: STUDY_STATUSES.length, priorities: STUDY_PRIORITIES.length, results })}\n`,
  );
  db.close();
  ref.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
