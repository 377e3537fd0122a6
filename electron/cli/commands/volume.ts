import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { loadSeriesVolumes } from '../../core/volumes/series-volumes';
import { summarizeVolume } from '../../core/volumes/volume-summary';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

const round = (v: number) => Number(v.toFixed(6));

export const volumeCommand: CliCommand = {
  name: 'volume',
  summary: 'Assemble the volumes of a stored series and print their grid (dimensions, spacing, origin, direction), type, range and warnings',
  usage: 'yingdu volume SERIES_UID [--data DIR] [--json]',
  async run({ io, common, positionals }) {
    const [seriesUID, ...extra] = positionals;
    if (!seriesUID || extra.length > 0) throw new UsageError('give exactly one Series Instance UID');
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      const volumes = (await loadSeriesVolumes({ db: core.db, storeDir: core.layout.store }, seriesUID)).map(summarizeVolume);
      if (common.json) {
        printJson(io, { volumes });
        return 0;
      }
      volumes.forEach((v, n) => {
        io.stdout(
          [
            `volume ${n}${v.label ? ` (${v.label})` : ''}: ${v.dimensions.join('×')} ${v.dtype}, spacing ${v.spacing.map(round).join(' × ')} mm`,
            `  origin (LPS mm) ${v.origin.map(round).join(', ')}; direction ${v.direction.map(round).join(' ')}`,
            `  stored values ${v.min}…${v.max}, rescale ×${v.rescaleSlope} + ${v.rescaleIntercept}`,
            ...v.warnings.map((w) => `  warning: ${w}`),
            '',
          ].join('\n'),
        );
      });
      return 0;
    } finally {
      await core.close();
    }
  },
};
