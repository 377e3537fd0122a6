// Import → findings shown, in Chromium through the real web host (issue 5, part 8). A fresh
// data folder, the model package built by project code and enabled, auto-run on; the series is
// imported through the worklist's import-from-path form and the study opened in the viewer as
// soon as it is stored (as a reader would), while the job runs. Marks, all from one clock:
//   import start (the click) → series stored (core "import:finished") → AI job done (core
//   "ai:jobFinished") → findings listed in the viewer's AI panel (for a study of several series,
//   after the analysed one is opened from the series strip) → first finding chosen and its box
//   drawn (a view reports data-ai-findings or data-ai-pixels > 0; "null" in the JSON when not).
// References in the same script: the same model run headless by the CLI (`yingdu import`, then
// `yingdu analyze SERIES --model ID --json`, separate processes of dist/cli.cjs), and dcm2niix
// building the volume from the same files (Debian dcm2niix, the reference DICOM→volume tool).
// Cases: lung CAD on A0002 B70f (default); `--stroke` adds the DWI stroke pipeline on the
// Philips volunteer (mindgrab's 256³ run on b0 makes it take minutes on 2 cores).
//
// npm run bench:import-to-findings -- [--stroke] [--only-stroke]
// Needs `npm run build` first (the web host serves dist/renderer; the CLI reference runs dist/cli.cjs).
// Prints a table, then one JSON line. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import type { EventName, PayloadOf } from '../../../electron/shared/contract';
import { buildPackage } from '../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { LUNG_NODULE_CAD_PACKAGE } from '../../../native-models/src/lung-cad/lung-nodule-cad-package';
import { STROKE_DWI_CORE_PACKAGE } from '../../../native-models/src/stroke/stroke-dwi-core-package';
import { launchChromium, openApp } from '../../e2e/support/browser';
import { startWebApp } from '../../e2e/support/web-app';
import { REPO_ROOT, SHARED_MODELS, sharedData } from '../../support/shared-data';

interface Case {
  name: string;
  seriesDir: string;
  modelId: string;
  /** Builds the model's package (and those it depends on) into `out`; returns their folders, the model last. */
  packages(out: string): string[];
}

const CASES: Case[] = [
  {
    name: 'lung-cad A0002 B70f',
    seriesDir: sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f'),
    modelId: 'lung-nodule-cad',
    packages: (out) => [LUNG_NODULE_CAD_PACKAGE.build(out).dir],
  },
  {
    name: 'dwi-stroke Philips',
    seriesDir: sharedData('mr-brain-dwi-philips'),
    modelId: 'stroke-dwi-core',
    packages: (out) => {
      const mindgrab = PACKAGE_DEFINITIONS.find((d) => d.id === 'brain-mask-mindgrab');
      if (!mindgrab) throw new Error('brain-mask-mindgrab definition missing');
      return [buildPackage(mindgrab, SHARED_MODELS, out).dir, STROKE_DWI_CORE_PACKAGE.build(out).dir];
    },
  },
];

interface Row {
  case: string;
  model: string;
  files: number;
  /** From the click on "import" (browser) to each mark, in seconds. */
  seriesStoredS: number;
  jobDoneS: number;
  findingsListedS: number;
  boxDrawnS: number;
  findings: number;
  jobTimingsMs: unknown;
  reference: { cliImportS: number; cliAnalyzeS: number; cliAnalyzeReportedS: number; cliFindings: number; dcm2niixS: number };
}

const CLI = path.join(REPO_ROOT, 'dist', 'cli.cjs');
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

function timed<T>(run: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = run();
  return { value, ms: performance.now() - t };
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The headless reference: the CLI imports into its own data folder and runs the model on `seriesUID`; dcm2niix builds the volume. */
function reference(c: Case, packageDirs: string[], temp: string, seriesUID: string): Row['reference'] {
  const data = path.join(temp, 'cli-data');
  const imported = timed(() => cli(['import', c.seriesDir, '--data', data, '--json']));
  for (const dir of packageDirs) cli(['models', 'install', dir, '--data', data]);
  const analyzed = timed(() => cli(['analyze', seriesUID, '--model', c.modelId, '--data', data, '--json']));
  const result = JSON.parse(analyzed.value) as { seconds: number; findings: unknown[] };
  const nifti = path.join(temp, 'dcm2niix');
  mkdirSync(nifti, { recursive: true });
  const converted = timed(() => execFileSync('dcm2niix', ['-z', 'n', '-o', nifti, '-f', 'ref', c.seriesDir], { encoding: 'utf8' }));
  return {
    cliImportS: seconds(imported.ms),
    cliAnalyzeS: seconds(analyzed.ms),
    cliAnalyzeReportedS: result.seconds,
    cliFindings: result.findings.length,
    dcm2niixS: seconds(converted.ms),
  };
}

async function runCase(c: Case, temp: string): Promise<Row> {
  const packageDirs = c.packages(path.join(temp, 'packages'));
  const app = await startWebApp({ dataDir: path.join(temp, 'web-data') });
  const browser = await launchChromium();
  try {
    for (const dir of packageDirs) app.core.models.install(dir);
    app.core.models.setEnabled(c.modelId, true);
    const prefs = await app.core.dispatch('prefs:set', { aiAutoRun: true });
    if (!prefs.ok) throw new Error(prefs.error.message);
    const marks = new Map<string, number>();
    const once = (name: string, test: (event: EventName, payload: PayloadOf<EventName>) => boolean) =>
      new Promise<void>((resolve) => {
        const stop = app.core.events.subscribe((event, payload) => {
          if (!test(event, payload)) return;
          marks.set(name, performance.now());
          stop();
          resolve();
        });
      });
    const stored = once('stored', (event) => event === 'import:finished');
    const done = once('done', (event) => event === 'ai:jobFinished');

    const page = await openApp(browser, `${app.host.url}#/worklist`, { width: 1600, height: 860 });
    await page.fill('[data-testid=import-path]', c.seriesDir);
    const t0 = performance.now();
    await page.click('[data-testid=import-path-start]');
    await stored;
    const list = await app.core.dispatch('studies:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const study = (list.value as { rows: Array<{ studyInstanceUID: string }> }).rows[0]!.studyInstanceUID;
    await page.locator(`[data-testid=worklist-row][data-uid="${study}"]`).dblclick();
    await done;
    const jobs = await app.core.dispatch('ai:jobs', {});
    if (!jobs.ok) throw new Error(jobs.error.message);
    const job = (jobs.value as Array<{ state: string; seriesInstanceUID: string; errorMessage: string | null; result: { findingCount: number; timingsMs: unknown } | null }>)[0]!;
    if (job.state !== 'done') throw new Error(`the ${c.modelId} job ended ${job.state}: ${job.errorMessage ?? ''}`);
    // A study of several series (the Philips folder also holds a one-image survey): open the analysed one from the series strip.
    const detail = await app.core.dispatch('studies:get', { studyInstanceUID: study });
    if (!detail.ok) throw new Error(detail.error.message);
    const series = (detail.value as { series: Array<{ seriesInstanceUID: string }> }).series;
    if (series.length > 1) await page.locator(`[data-testid=series-card][data-series-uid="${job.seriesInstanceUID}"]`).dblclick();
    const findings = job.result?.findingCount ?? 0;
    const rows = page.locator('[data-testid=ai-finding]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=ai-finding]').length === n, findings, { timeout: 120_000 });
    marks.set('listed', performance.now());
    let drawn = findings > 0;
    if (drawn) {
      await rows.first().locator('button').click();
      // A box or marker (data-ai-findings), or a finding drawn as a label map only (data-ai-pixels), in any view.
      drawn = await page
        .waitForFunction(
          () =>
            Array.from(document.querySelectorAll<HTMLElement>('[data-testid=ai-overlay-canvas]')).some(
              (c) => Number(c.dataset.aiFindings ?? 0) > 0 || Number(c.dataset.aiPixels ?? 0) > 0,
            ),
          undefined,
          { timeout: 60_000 },
        )
        .then(() => true)
        .catch(() => false);
    }
    if (drawn) marks.set('drawn', performance.now());
    const at = (name: string) => seconds((marks.get(name) ?? Number.NaN) - t0);
    return {
      case: c.name,
      model: c.modelId,
      files: readdirSync(c.seriesDir).length,
      seriesStoredS: at('stored'),
      jobDoneS: at('done'),
      findingsListedS: at('listed'),
      boxDrawnS: at('drawn'),
      findings,
      jobTimingsMs: job.result?.timingsMs,
      // The same files give the same UIDs: the CLI runs the model on the series the web host's job analysed.
      reference: reference(c, packageDirs, temp, job.seriesInstanceUID),
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/ is not built: run `npm run build` first.');
  }
  const wanted = process.argv.includes('--only-stroke') ? [CASES[1]!] : process.argv.includes('--stroke') ? CASES : [CASES[0]!];
  const rows: Row[] = [];
  for (const c of wanted) {
    const temp = mkdtempSync(path.join(tmpdir(), 'yingdu-import-to-findings-'));
    try {
      rows.push(await runCase(c, temp));
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  process.stdout.write('case                  model              stored s  job done s  listed s  box drawn s  findings | CLI import s  CLI analyze s (job s)  dcm2niix s\n');
  for (const r of rows) {
    const ref = r.reference;
    process.stdout.write(
      `${r.case.padEnd(21)} ${r.model.padEnd(18)} ${String(r.seriesStoredS).padStart(8)}  ${String(r.jobDoneS).padStart(10)}  ${String(r.findingsListedS).padStart(8)}  ${String(r.boxDrawnS).padStart(11)}  ${String(r.findings).padStart(8)} | ` +
        `${String(ref.cliImportS).padStart(12)}  ${String(ref.cliAnalyzeS).padStart(13)} (${ref.cliAnalyzeReportedS})  ${String(ref.dcm2niixS).padStart(10)}\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ bench: 'import-to-findings', cores: cpus().length, rows })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
