// The set-up the review, report-export and feedback suites share: the real A0002 chest CT
// (Lung-PET-CT-Dx, 30 axial slices) imported into a fresh data folder and a core opened on it
// (web host, no automatic AI runs); closed and removed after the suite. Call it inside the
// describe block: its beforeAll runs before the suite's own, which may then use core/study/series.
import { afterAll, beforeAll } from 'vitest';
import { type Core, createCore } from '../../../electron/core/core';
import { coreCaller, firstStudySeries } from '../../support/core-calls';
import { sharedData } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';
import { importInto } from './import/import-into';

export const CHEST_CT_SLICES = 30;

export interface ImportedChestCt {
  /** The data folder; the suite may write its outputs here too. */
  readonly dir: string;
  /** Set by the beforeAll this registers. */
  core: Core;
  study: string;
  series: string;
  /** A contract request on `core`: its value, or an Error carrying the error code. */
  readonly call: <T>(channel: string, args: unknown) => Promise<T>;
}

export function importedChestCt(tempPrefix: string): ImportedChestCt {
  const temp = makeTempDir(tempPrefix);
  const ct = { dir: temp.dir, study: '', series: '', call: coreCaller(() => ct.core) } as ImportedChestCt;
  beforeAll(async () => {
    const summary = await importInto(temp.dir, [sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f')]);
    if (summary.added !== CHEST_CT_SLICES) throw new Error(`Imported ${summary.added} of the chest CT's ${CHEST_CT_SLICES} slices.`);
    ct.core = createCore({ dataDir: temp.dir, host: 'web', aiAutoRun: false });
    ({ study: ct.study, series: ct.series } = firstStudySeries(ct.core.db));
  }, 120_000);
  afterAll(async () => {
    await ct.core?.close();
    temp.remove();
  });
  return ct;
}
