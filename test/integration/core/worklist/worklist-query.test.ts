// The worklist query module against a real SQLite file: search (Latin, Chinese, IDs,
// accessions), filters, sorting with a stable tiebreak, paging, counts, and the query plans.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../../electron/core/store/database';
import { listStudies, pageSql, facetSql, getStudy, type WorklistQueryAll } from '../../../../electron/core/worklist/worklist-query';
import { WORKLIST_SORT_COLUMNS, type WorklistQueryInput, type WorklistRow, worklistQuerySchema } from '../../../../electron/shared/studies';
import { makeTempDir } from '../../../support/temp-dir';
import { createSeeder, type SeedStudy } from './study-seed';

const STUDIES: SeedStudy[] = [
  { studyInstanceUID: '1.2.1', patientName: 'WANG^XIAOMING=王小明', patientID: 'P1001', accessionNumber: 'A0002', studyDate: '20240105', studyTime: '081500', description: 'CT CHEST', seriesModalities: ['CT', 'CT'], priority: 'stat', status: 'new' },
  { studyInstanceUID: '1.2.2', patientName: '李四', patientID: 'P1002', accessionNumber: 'A0103', studyDate: '20240105', studyTime: '091500', description: 'MR BRAIN', seriesModalities: ['MR'], priority: 'urgent', status: 'ai_done', read: true },
  { studyInstanceUID: '1.2.3', patientName: 'SMITH^JOHN', patientID: 'X-77', accessionNumber: 'ACC9', studyDate: '20230301', studyTime: '120000', description: 'PET/CT', seriesModalities: ['PT', 'CT'], priority: 'routine', status: 'final', read: true },
  { studyInstanceUID: '1.2.4', patientName: '王芳', patientID: 'P1004', accessionNumber: 'B0004', studyDate: '20221231', studyTime: '235959', description: 'CR CHEST', seriesModalities: ['CR'], priority: 'routine', status: 'in_review' },
  { studyInstanceUID: '1.2.5', patientName: 'wang^li', patientID: 'p1005', accessionNumber: 'a0005', studyDate: '20240105', studyTime: '081500', description: 'ct abdomen', seriesModalities: ['CT'], priority: 'stat', status: 'ai_pending' },
  { studyInstanceUID: '1.2.6', patientName: 'ZHANG^WEI=张伟', patientID: 'P1006', accessionNumber: 'A0006', studyDate: '20210615', studyTime: '', description: '', seriesModalities: ['US'], priority: 'urgent', status: 'preliminary' },
  { studyInstanceUID: '1.2.7', patientName: 'SMITH^JOHN', patientID: 'X-78', accessionNumber: 'ACC10', studyDate: '20230301', studyTime: '120000', description: 'PET/CT', seriesModalities: ['PT', 'CT', 'SR'], priority: 'routine', status: 'new' },
  { studyInstanceUID: '1.2.8', patientName: 'O"BRIEN^PAT', patientID: 'Q"1', accessionNumber: 'OR AND', studyDate: '20200101', studyTime: '000000', description: 'XA', seriesModalities: ['XA'], priority: 'routine', status: 'new' },
];

const withDefaults = (input: WorklistQueryInput): WorklistQueryAll =>
  worklistQuerySchema.parse(input);
const uids = (rows: WorklistRow[]) => rows.map((r) => r.studyInstanceUID);

describe('worklist queries (real SQLite)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;

  beforeAll(() => {
    temp = makeTempDir('yingdu-worklist-');
    db = openDatabase(path.join(temp.dir, 'yingdu.sqlite'));
    const seed = createSeeder(db);
    db.transaction(() => STUDIES.forEach(seed))();
  });
  afterAll(() => {
    db.close();
    temp.remove();
  });

  const search = (text: string) => uids(listStudies(db, withDefaults({ search: text, sort: 'accessionNumber' })).rows).sort();

  describe('search', () => {
    it('finds Latin names case-insensitively, across PN components', () => {
      expect(search('wang')).toEqual(['1.2.1', '1.2.5']);
      expect(search('XIAOMING')).toEqual(['1.2.1']);
      expect(search('wang xiao')).toEqual(['1.2.1']);
      expect(search('WANG^XIAO')).toEqual(['1.2.1']);
    });

    it('finds Chinese names from one, two and three characters', () => {
      expect(search('王')).toEqual(['1.2.1', '1.2.4']);
      expect(search('小明')).toEqual(['1.2.1']);
      expect(search('王小明')).toEqual(['1.2.1']);
      expect(search('伟')).toEqual(['1.2.6']);
      expect(search('赵')).toEqual([]);
    });

    it('finds patient IDs and accession numbers by substring', () => {
      expect(search('A0002')).toEqual(['1.2.1']);
      expect(search('a000')).toEqual(['1.2.1', '1.2.5', '1.2.6']);
      expect(search('1004')).toEqual(['1.2.4']);
      expect(search('x-7')).toEqual(['1.2.3', '1.2.7']);
      expect(search('77')).toEqual(['1.2.3']);
      expect(search('9')).toEqual(['1.2.3']);
    });

    it('treats FTS syntax and quotes in the query as plain text', () => {
      expect(search('OR AND')).toEqual(['1.2.8']);
      expect(search('o"b')).toEqual(['1.2.8']);
      expect(search('Q"1')).toEqual(['1.2.8']);
      expect(search('NEAR(')).toEqual([]);
      expect(search('  ')).toHaveLength(STUDIES.length);
    });
  });

  describe('filters', () => {
    const list = (q: WorklistQueryInput) => uids(listStudies(db, withDefaults({ ...q, sort: 'accessionNumber' })).rows).sort();
    it('filters by a modality the study contains', () => {
      expect(list({ modality: 'CT' })).toEqual(['1.2.1', '1.2.3', '1.2.5', '1.2.7']);
      expect(list({ modality: 'SR' })).toEqual(['1.2.7']);
      expect(list({ modality: 'MG' })).toEqual([]);
    });
    it('filters by study date range, inclusive', () => {
      expect(list({ dateFrom: '20230301', dateTo: '20240105' })).toEqual(['1.2.1', '1.2.2', '1.2.3', '1.2.5', '1.2.7']);
      expect(list({ dateTo: '20211231' })).toEqual(['1.2.6', '1.2.8']);
    });
    it('filters by status, priority and read state, combined with search', () => {
      expect(list({ status: ['new'] })).toEqual(['1.2.1', '1.2.7', '1.2.8']);
      expect(list({ status: ['final', 'preliminary'] })).toEqual(['1.2.3', '1.2.6']);
      expect(list({ priority: ['stat'] })).toEqual(['1.2.1', '1.2.5']);
      expect(list({ read: true })).toEqual(['1.2.2', '1.2.3']);
      expect(list({ read: false, priority: ['stat'], search: 'wang', modality: 'CT' })).toEqual(['1.2.1', '1.2.5']);
    });
  });

  describe('sorting and paging', () => {
    it('puts STAT first, then urgent, newest first within a priority (the default)', () => {
      const rows = listStudies(db, withDefaults({})).rows;
      expect(uids(rows)).toEqual(['1.2.5', '1.2.1', '1.2.2', '1.2.6', '1.2.7', '1.2.3', '1.2.4', '1.2.8']);
    });

    const keyOf: Record<string, (r: WorklistRow) => string | number> = {
      patientName: (r) => r.patientName.toLowerCase(),
      patientID: (r) => r.patientID.toLowerCase(),
      studyDateTime: (r) => r.studyDate + r.studyTime,
      modalities: (r) => r.modalities.join('\\'),
      studyDescription: (r) => r.studyDescription.toLowerCase(),
      accessionNumber: (r) => r.accessionNumber.toLowerCase(),
      priority: (r) => ['routine', 'urgent', 'stat'].indexOf(r.priority),
      status: (r) => ['new', 'ai_pending', 'ai_done', 'in_review', 'preliminary', 'final'].indexOf(r.status),
      numberOfSeries: (r) => r.numberOfSeries,
      numberOfInstances: (r) => r.numberOfInstances,
      importedAt: (r) => r.importedAt,
      // Priority, then AI-flagged above unflagged (none of these studies has flags: test/integration/core/worklist/worklist-ai.test.ts).
      ai: (r) => ['routine', 'urgent', 'stat'].indexOf(r.priority) * 2 + (r.ai?.flags.length ? 1 : 0),
    };

    for (const sort of WORKLIST_SORT_COLUMNS.filter((c) => c !== 'default')) {
      it(`sorts by ${sort} both ways, ties broken the same way every time`, () => {
        for (const direction of ['asc', 'desc'] as const) {
          const rows = listStudies(db, withDefaults({ sort, direction })).rows;
          expect(rows).toHaveLength(STUDIES.length);
          const keys = rows.map(keyOf[sort]!);
          const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(keys).toEqual(direction === 'asc' ? sorted : sorted.reverse());
          // Paging one row at a time gives the same order: the tiebreak is total and stable.
          const paged = STUDIES.map((_, offset) => listStudies(db, withDefaults({ sort, direction, limit: 1, offset })).rows[0]!);
          expect(uids(paged)).toEqual(uids(rows));
        }
      });
    }

    it('pages with a total that counts every page', () => {
      const first = listStudies(db, withDefaults({ limit: 3, offset: 0 }));
      const last = listStudies(db, withDefaults({ limit: 3, offset: 6 }));
      expect(first.total).toBe(STUDIES.length);
      expect(first.rows).toHaveLength(3);
      expect(last.rows).toHaveLength(2);
      expect(listStudies(db, withDefaults({ modality: 'CT', limit: 1 })).total).toBe(4);
    });
  });

  it('counts per status and priority as facets (each ignoring its own filter)', () => {
    const page = listStudies(db, withDefaults({ status: ['new'], modality: 'CT' }));
    expect(page.total).toBe(2);
    expect(page.counts.status).toEqual({ new: 2, ai_pending: 1, ai_done: 0, in_review: 0, preliminary: 0, final: 1 });
    expect(page.counts.priority).toEqual({ stat: 1, urgent: 0, routine: 1 });
    expect(page.counts.unread).toBe(2);
  });

  it('keeps cached facet counts only until this or another connection writes', () => {
    const stat = () => listStudies(db, withDefaults({ limit: 1 })).counts.priority.stat;
    expect(stat()).toBe(2);
    db.prepare(`UPDATE studies SET priority = 'stat' WHERE study_instance_uid = '1.2.8'`).run();
    expect(stat()).toBe(3);
    const other = openDatabase(path.join(temp.dir, 'yingdu.sqlite'));
    other.prepare(`UPDATE studies SET priority = 'routine' WHERE study_instance_uid = '1.2.8'`).run();
    other.close();
    expect(stat()).toBe(2);
  });

  it('returns one study with its series, decoded fields and modalities', () => {
    const study = getStudy(db, '1.2.7');
    expect(study).toMatchObject({ patientName: 'SMITH^JOHN', patientID: 'X-78', modalities: ['CT', 'PT', 'SR'], numberOfSeries: 3 });
    expect(study?.series.map((s) => [s.seriesNumber, s.modality])).toEqual([[1, 'PT'], [2, 'CT'], [3, 'SR']]);
    expect(getStudy(db, '9.9.9')).toBeNull();
  });

  it('follows a patient rename onto the study rows and the search index', () => {
    db.prepare(`UPDATE patients SET patient_name = '赵敏' WHERE patient_id = 'P1004'`).run();
    expect(search('赵')).toEqual(['1.2.4']);
    expect(search('王芳')).toEqual([]);
    expect(search('王')).toEqual(['1.2.1']);
    db.prepare(`UPDATE patients SET patient_name = '王芳' WHERE patient_id = 'P1004'`).run();
  });

  describe('query plans (EXPLAIN QUERY PLAN)', () => {
    const plan = (q: WorklistQueryInput, which: 'page' | 'facets' = 'page') => {
      const { sql, params } = which === 'page' ? pageSql(withDefaults(q)) : facetSql(withDefaults(q));
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    };
    /** A full scan of studies without an index is the thing that must not happen. */
    const fullScan = (details: string[]) => details.some((d) => /^SCAN s$/.test(d));

    it('serves the default order from its index, without sorting', () => {
      const details = plan({});
      expect(details.join('\n')).toMatch(/SCAN s USING (COVERING )?INDEX studies_wl_default/);
      expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
    });

    for (const sort of WORKLIST_SORT_COLUMNS) {
      it(`sorts by ${sort} through an index (no temp B-tree)`, () => {
        for (const direction of ['asc', 'desc'] as const) {
          const details = plan({ sort, direction });
          expect(fullScan(details)).toBe(false);
          expect(details.join('\n')).not.toMatch(/TEMP B-TREE FOR (.* )?ORDER BY/);
        }
      });
    }

    const filters: [string, WorklistQueryInput, RegExp][] = [
      ['modality', { modality: 'CT' }, /study_modalities/],
      ['date range', { dateFrom: '20230101', dateTo: '20231231' }, /INDEX studies_wl_(date|default)/],
      ['status', { status: ['new'] }, /INDEX studies_wl_(status|default)/],
      ['priority', { priority: ['stat'] }, /INDEX studies_wl_(default|unread)/],
      ['read', { read: false }, /INDEX studies_wl_(unread|default)/],
      ['search (trigram)', { search: 'wang' }, /VIRTUAL TABLE INDEX/],
      ['search (one Chinese character)', { search: '王' }, /study_cjk_grams/],
    ];
    for (const [name, query, expected] of filters) {
      it(`uses an index for the ${name} filter`, () => {
        const details = plan(query);
        expect(fullScan(details)).toBe(false);
        expect(details.join('\n')).toMatch(expected);
        expect(fullScan(plan(query, 'facets'))).toBe(false);
      });
    }

    it('walks the sort index and probes when a modality or CJK character matches many studies', () => {
      for (const query of [{ modality: 'CT' }, { search: '王' }, { search: '王', modality: 'CT', sort: 'patientName' as const }]) {
        const probed = pageSql(withDefaults(query), () => true);
        const details = (db.prepare(`EXPLAIN QUERY PLAN ${probed.sql}`).all(...probed.params) as { detail: string }[]).map((r) => r.detail).join('\n');
        expect(details).toMatch(/SCAN s USING INDEX studies_wl_/);
        expect(details).toMatch(/SEARCH (m|g) EXISTS USING (COVERING INDEX|PRIMARY KEY)/);
        expect(details).not.toMatch(/TEMP B-TREE/);
        // Both plans return the same rows in the same order.
        const collected = pageSql(withDefaults(query), () => false);
        expect(db.prepare(probed.sql).all(...probed.params)).toEqual(db.prepare(collected.sql).all(...collected.params));
        expect(db.prepare(probed.sql).all(...probed.params).length).toBeGreaterThan(0);
      }
    });

    it('counts facets from a covering index, without reading rows', () => {
      expect(plan({}, 'facets').join('\n')).toMatch(/SCAN s USING COVERING INDEX studies_wl_facets/);
    });
  });
});
