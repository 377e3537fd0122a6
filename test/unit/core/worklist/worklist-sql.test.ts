// Pure parts of the worklist query builder: which search path a query takes, and how PN
// separators and FTS syntax in the user's text are neutralised.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/shared/event-bus';
import { relayImportChanges } from '../../../../electron/core/worklist/import-relay';
import { normaliseSearch, orderByClause, searchPathFor, whereClause } from '../../../../electron/core/worklist/worklist-sql';
import { worklistQuerySchema } from '../../../../electron/shared/studies';

describe('worklist search paths', () => {
  it('uses trigrams from three characters, CJK grams for one or two ideographs, a scan otherwise', () => {
    expect(searchPathFor('')).toBe('none');
    expect(searchPathFor('wan')).toBe('trigram');
    expect(searchPathFor('王小明')).toBe('trigram');
    expect(searchPathFor('王')).toBe('cjk-grams');
    expect(searchPathFor('小明')).toBe('cjk-grams');
    expect(searchPathFor('王a')).toBe('scan');
    expect(searchPathFor('12')).toBe('scan');
    // A supplementary-plane ideograph is one character, not two UTF-16 units.
    expect(searchPathFor('𠀋')).toBe('cjk-grams');
  });

  it('reads PN separators as spaces and trims', () => {
    expect(normaliseSearch('  WANG^XIAO=王 ')).toBe('WANG XIAO 王');
    expect(normaliseSearch(undefined)).toBe('');
  });

  it('passes the text as one quoted FTS phrase, never as syntax', () => {
    const where = whereClause(worklistQuerySchema.parse({ search: 'a" OR "b' }));
    expect(where.sql).toContain('MATCH ?');
    expect(where.params).toEqual(['"a"" OR ""b"']);
  });

  it('orders by the reading order by default and reverses it whole', () => {
    expect(orderByClause('default', 'asc')).toBe('ORDER BY s.priority_rank ASC, s.study_datetime DESC, s.id DESC');
    expect(orderByClause('default', 'desc')).toBe('ORDER BY s.priority_rank DESC, s.study_datetime ASC, s.id ASC');
    expect(orderByClause('priority', 'desc')).toBe(orderByClause('default', 'asc'));
    expect(orderByClause('patientName', 'desc')).toBe('ORDER BY s.patient_name COLLATE NOCASE DESC, s.id DESC');
  });
});

describe('import relay', () => {
  it('announces studies:changed when an import adds instances and when it finishes', () => {
    const bus = new EventBus();
    relayImportChanges(bus);
    const changed: unknown[] = [];
    bus.subscribe((event, payload) => {
      if (event === 'studies:changed') changed.push(payload);
    });
    const progress = (added: number) =>
      bus.emit('import:progress', { importId: 'imp-1', filesSeen: 10, filesTotal: 10, done: added, added, duplicates: 0, conflicts: 0, rejected: 0, bytesDone: 0, rate: 1, etaSeconds: null });
    progress(0);
    progress(3);
    progress(3);
    progress(5);
    expect(changed).toEqual([
      { studyInstanceUIDs: [], reason: 'import' },
      { studyInstanceUIDs: [], reason: 'import' },
    ]);
    bus.emit('import:finished', { importId: 'imp-1', studyInstanceUIDs: ['1.2.3'] } as never);
    expect(changed.at(-1)).toEqual({ studyInstanceUIDs: ['1.2.3'], reason: 'import' });
  });
});
