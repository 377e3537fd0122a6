// The two steps every core-level review/export test starts with: call a contract request and
// get its value (a failed Result becomes a thrown Error carrying the error `code`, so tests can
// `rejects.toMatchObject({ code })`), and find the one study/series a test imported.
import type { Core } from '../../electron/core/core';
import type { Database } from '../../electron/core/store/database';

export function coreCaller(core: () => Core): <T>(channel: string, args: unknown) => Promise<T> {
  return async <T>(channel: string, args: unknown): Promise<T> => {
    const result = await core().dispatch(channel, args);
    if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
}

/** The first stored series and its study (tests that import one series). */
export function firstStudySeries(db: Database): { study: string; series: string } {
  const row = db
    .prepare<[], { study: string; series: string }>('SELECT st.study_instance_uid AS study, se.series_instance_uid AS series FROM series se JOIN studies st ON st.id = se.study_ref LIMIT 1')
    .get();
  if (!row) throw new Error('No series was imported.');
  return row;
}
