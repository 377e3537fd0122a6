import type { RunningWebApp } from './web-app';

/** Imports `dir` with the real importer of a running web app; resolves to its first study and series. */
export async function importFirstStudy(app: RunningWebApp, dir: string): Promise<{ studyUID: string; seriesUID: string }> {
  const finished = new Promise<void>((resolve) => app.core.events.subscribe((event) => event === 'import:finished' && resolve()));
  const started = await app.core.dispatch('import:start', { paths: [dir] });
  if (!started.ok) throw new Error(started.error.message);
  await finished;
  const list = await app.core.dispatch('studies:list', {});
  if (!list.ok) throw new Error(list.error.message);
  const studyUID = (list.value as { rows: { studyInstanceUID: string }[] }).rows[0]!.studyInstanceUID;
  const study = await app.core.dispatch('studies:get', { studyInstanceUID: studyUID });
  if (!study.ok) throw new Error(study.error.message);
  const seriesUID = (study.value as { series: { seriesInstanceUID: string }[] }).series[0]!.seriesInstanceUID;
  return { studyUID, seriesUID };
}
