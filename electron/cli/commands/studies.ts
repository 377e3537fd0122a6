// `yingdu studies`: the worklist on the command line. JSON mode prints every matching study
// with its series (no paging unless --limit); human mode prints a compact table.
import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { listStudies, seriesReader } from '../../core/worklist/worklist-query';
import { WORKLIST_SORT_COLUMNS, type WorklistRow, worklistQuerySchema } from '../../shared/studies';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

const list = (value: string | boolean | string[] | undefined) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined;

function parseQuery(options: Record<string, string | boolean | string[] | undefined>) {
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const parsed = worklistQuerySchema.omit({ limit: true }).safeParse({
    search: str('search'),
    modality: str('modality')?.toUpperCase(),
    dateFrom: str('from'),
    dateTo: str('to'),
    status: list(options.status),
    priority: list(options.priority)?.map((p) => p.toLowerCase()),
    read: options.unread === true ? false : undefined,
    sort: str('sort') ?? 'default',
    direction: options.desc === true ? 'desc' : 'asc',
    offset: 0,
  });
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'option')}: ${i.message}`).join('; ') +
        ` (sort columns: ${WORKLIST_SORT_COLUMNS.join(', ')})`,
    );
  }
  const limitText = str('limit');
  const limit = limitText === undefined ? null : Number(limitText);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit must be a positive whole number');
  return { ...parsed.data, limit };
}

const PRIORITY_LABEL = { stat: 'STAT', urgent: 'URGENT', routine: 'routine' } as const;

/** Display width, counting CJK characters as two columns so the table lines up in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const c of text) w += (c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}
const pad = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));

function table(rows: WorklistRow[], total: number): string {
  const header = ['PRIORITY', 'PATIENT', 'ID', 'DATE', 'MOD', 'DESCRIPTION', 'ACCESSION', 'SER/IMG', 'STATUS'];
  const cells = rows.map((r) => [
    PRIORITY_LABEL[r.priority],
    r.patientName,
    r.patientID,
    r.studyDate,
    r.modalities.join('/'),
    r.studyDescription,
    r.accessionNumber,
    `${r.numberOfSeries}/${r.numberOfInstances}`,
    `${r.status}${r.read ? '' : ' *'}`,
  ]);
  const widths = header.map((h, i) => Math.min(32, Math.max(width(h), ...cells.map((c) => width(c[i] ?? '')))));
  const line = (c: string[]) => c.map((v, i) => pad(v, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...cells.map(line), '', `${rows.length} of ${total} studies (* unread)`, ''].join('\n');
}

export const studiesCommand: CliCommand = {
  name: 'studies',
  summary: 'List the stored studies (the worklist), with search, filters and sorting',
  usage:
    'yingdu studies [--data DIR] [--json] [--search S] [--modality M] [--status S[,S]] [--priority P[,P]] ' +
    '[--from YYYYMMDD] [--to YYYYMMDD] [--unread] [--sort COL] [--desc] [--limit N]',
  options: {
    search: { type: 'string' },
    modality: { type: 'string' },
    status: { type: 'string' },
    priority: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    unread: { type: 'boolean' },
    sort: { type: 'string' },
    desc: { type: 'boolean' },
    limit: { type: 'string' },
  },
  async run({ io, common, options }) {
    const query = parseQuery(options);
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      const page = listStudies(core.db, query);
      if (common.json) {
        const seriesOf = seriesReader(core.db);
        printJson(
          io,
          page.rows.map((row) => ({ ...row, series: seriesOf(row.studyInstanceUID) })),
        );
      } else {
        io.stdout(table(page.rows, page.total));
      }
      return 0;
    } finally {
      await core.close();
    }
  },
};
