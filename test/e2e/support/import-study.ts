import type { RunningWebApp } from './web-app';

/** Imports `dir` with the real importer of a running web app; resolves on its import:finished event. */
export async function importAndWait(app: RunningWebApp, dir: string): Promise<void> {
  // Subscribed before the start, so a fast import cannot finish unseen.
  let off = () => {};
  const finished = new Promise<void>((resolve) => {
    off = app.core.events.subscribe((event) => event === 'import:finished' && resolve());
  });
  try {
    const started = await app.core.dispatch('import:start', { paths: [dir] });
    if (!started.ok) throw new Error(`import failed: ${started.error.message}`);
    await finished;
  } finally {
    off();
  }
}

/** The Study Instance UIDs of the worklist, in its order. */
export async function listedStudies(app: RunningWebApp): Promise<string[]> {
  const list = await app.core.dispatch('studies:list', {});
  if (!list.ok) throw new Error(list.error.message);
  return (list.value as { rows: { studyInstanceUID: string }[] }).rows.map((row) => row.studyInstanceUID);
}

/** Imports `dir`; resolves to the first study of the worklist and its first series. */
export async function importFirstStudy(app: RunningWebApp, dir: string): Promise<{ studyUID: string; seriesUID: string }> {
  await importAndWait(app, dir);
  const studyUID = (await listedStudies(app))[0]!;
  const study = await app.core.dispatch('studies:get', { studyInstanceUID: studyUID });
  if (!study.ok) throw new Error(study.error.message);
  const seriesUID = (study.value as { series: { seriesInstanceUID: string }[] }).series[0]!.seriesInstanceUID;
  return { studyUID, seriesUID };
}
