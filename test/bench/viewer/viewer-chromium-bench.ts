// The reading viewer measured in Chromium (`npx tsx test/bench/viewer/viewer-chromium-bench.ts
// [--slices N]`; needs `npm run build` for dist/renderer). The real core and web host serve a
// CT series imported into a temporary data folder; Debian's Chromium (SwiftShader WebGL) opens
// it. Figures:
//   - open → first image: from setting the viewer route to the first rendered frame of a view;
//   - open → MPR ready: until all three MPR views have drawn (volume fetched, texture uploaded);
//   - scroll and reslice frame times: a key press until the view's next frame (ArrowDown in the
//     axial view; a 5° oblique turn, which reslices the coronal and sagittal views);
//   - memory: peak RSS of this Node process (core + web host, the "main" side), peak summed RSS
//     of the Chromium process tree (browser, GPU and renderer processes; shared pages counted
//     once per process, so an upper bound) and the page's peak JS heap, each as an increase over
//     the value before the study is opened, next to the voxel bytes of the volume; the GPU and
//     renderer processes apart, a breakdown after each loading step, and PASS/FAIL against 1.5×
//     for the JS heap and the Chromium tree (the page's JS heap is exact here and includes
//     ArrayBuffer backing stores: Chromium runs with --enable-precise-memory-info);
//   - the GPU limits reported by the page (MAX_TEXTURE_SIZE, MAX_3D_TEXTURE_SIZE).
// Reference in the same script: dcm2niix building the same volume from the same files.
// With --slices N the series is N slices built from the real chest CT slices
// (build-long-ct-series.py: new UIDs and positions). Prints a table and one JSON line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedVolumeCache } from '../../../electron/core/volumes/volume-cache';
import type { VolumeDescription } from '../../../electron/shared/volumes';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openApp } from '../../e2e/support/browser';
import { startWebApp } from '../../e2e/support/web-app';
import { importFirstStudy } from '../../e2e/support/import-study';
import { framesOf } from '../../e2e/viewer-pixels';
import { pydicomPython } from '../../support/pydicom';
import { sharedData } from '../../support/shared-data';

const SOURCE = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const MiB = 1024 * 1024;

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

type ProcessKind = 'gpu' | 'renderer' | 'other';

/** Resident set size (bytes) of `pid`'s descendants, from /proc: in all and per Chromium process type. */
function treeRss(pid: number): { total: number } & Record<ProcessKind, number> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const kind = new Map<number, ProcessKind>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      kind.set(Number(entry), cmdline.includes('--type=gpu-process') ? 'gpu' : cmdline.includes('--type=renderer') ? 'renderer' : 'other');
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while being read
    }
  }
  const out = { total: 0, gpu: 0, renderer: 0, other: 0 };
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    const bytes = rss.get(p) ?? 0;
    out.total += bytes;
    out[kind.get(p) ?? 'other'] += bytes;
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

/** The page's JS heap as Chromium reports it (--enable-precise-memory-info: exact, and it counts ArrayBuffer backing stores). */
const jsHeapOf = (page: Page) => page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0).catch(() => 0);

/** Samples memory every 50 ms until stopped; returns the peaks. */
function memorySampler(page: Page) {
  const tree = treeRss(process.pid);
  const peaks = { main: process.memoryUsage().rss, chromium: tree.total, gpu: tree.gpu, renderer: tree.renderer, jsHeap: 0 };
  let running = true;
  const tick = async () => {
    while (running) {
      peaks.main = Math.max(peaks.main, process.memoryUsage().rss);
      const t = treeRss(process.pid);
      peaks.chromium = Math.max(peaks.chromium, t.total);
      peaks.gpu = Math.max(peaks.gpu, t.gpu);
      peaks.renderer = Math.max(peaks.renderer, t.renderer);
      peaks.jsHeap = Math.max(peaks.jsHeap, await jsHeapOf(page));
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const done = tick();
  return {
    peaks,
    async stop() {
      running = false;
      await done;
      return peaks;
    },
  };
}

/** Milliseconds from `action` until view `testId` has drawn a new frame. */
async function frameTime(page: Page, testId: string, action: () => Promise<void>): Promise<number> {
  const before = await framesOf(page, testId);
  const start = now();
  await action();
  await page.waitForFunction(
    ([id, n]) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-frames') ?? 0) > (n as number),
    [testId, before] as const,
    { polling: 'raf', timeout: 60_000 },
  );
  return now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const slices = Number(argValue('--slices') ?? 0);
  const work = mkdtempSync(path.join(tmpdir(), 'yingdu-viewer-chromium-bench-'));
  let seriesDir = SOURCE;
  if (slices > 0) {
    const python = pydicomPython();
    if (!python) throw new Error('--slices needs pydicom (apt-get install python3-pydicom)');
    seriesDir = path.join(work, 'series');
    const t = now();
    const built = spawnSync(python, [path.join(import.meta.dirname, 'build-long-ct-series.py'), SOURCE, seriesDir, String(slices)], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the long series failed');
    process.stdout.write(`built ${slices} slices in ${((now() - t) / 1000).toFixed(1)} s\n`);
  }
  const app = await startWebApp({ dataDir: path.join(work, 'data') });
  // Without --enable-precise-memory-info, performance.memory is bucketed and refreshed every ~20 s.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  try {
    let t = now();
    const { studyUID, seriesUID } = await importFirstStudy(app, seriesDir);
    const importSeconds = (now() - t) / 1000;
    const described = await app.core.dispatch('volumes:describe', { seriesInstanceUID: seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    const volume = (described.value as VolumeDescription[])[0]!;
    const voxelBytes = volume.byteLength;

    const page = await openApp(browser, `${app.host.url}#/worklist`, { width: 1500, height: 820 });
    const limits = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      return gl ? { maxTexture: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, max3dTexture: gl.getParameter(gl.MAX_3D_TEXTURE_SIZE) as number } : null;
    });
    // Baselines after the app is up and before the study opens, with the volume cache empty, so
    // assembling the volume in the core counts in the main figure.
    sharedVolumeCache.clear();
    const tree0 = treeRss(process.pid);
    const baseline = { main: process.memoryUsage().rss, chromium: tree0.total, gpu: tree0.gpu, renderer: tree0.renderer, jsHeap: await jsHeapOf(page) };
    // Where the memory is after each loading step (increase over the baseline, in voxel bytes).
    const steps: { step: string; jsHeap: number; gpu: number; renderer: number }[] = [];
    const step = async (name: string) => {
      const t = treeRss(process.pid);
      steps.push({ step: name, jsHeap: ((await jsHeapOf(page)) - baseline.jsHeap) / voxelBytes, gpu: (t.gpu - baseline.gpu) / voxelBytes, renderer: (t.renderer - baseline.renderer) / voxelBytes });
    };
    const sampler = memorySampler(page);

    t = now();
    await page.evaluate((uid) => (window.location.hash = `#/viewer/${uid}`), studyUID);
    await page.waitForFunction(() => Number(document.querySelector('.viewport-canvas')?.getAttribute('data-frames') ?? 0) > 0, undefined, { polling: 'raf', timeout: 600_000 });
    const firstImage = now() - t;
    await step('first image');
    await page.waitForFunction(
      () => ['axial', 'coronal', 'sagittal'].every((k) => Number(document.querySelector(`[data-testid=canvas-${k}]`)?.getAttribute('data-frames') ?? 0) > 0),
      undefined,
      { polling: 'raf', timeout: 600_000 },
    );
    const mprReady = now() - t;
    await step('3 MPR views drawn');

    await page.locator('[data-testid=canvas-axial]').hover();
    const scroll: number[] = [];
    for (let i = 0; i < 20; i++) scroll.push(await frameTime(page, 'canvas-axial', () => page.keyboard.press('ArrowDown')));
    const reslice: number[] = [];
    for (let i = 0; i < 10; i++) reslice.push(await frameTime(page, 'canvas-coronal', () => page.keyboard.press('.')));

    t = now();
    await page.keyboard.press('T');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=canvas-volume3d]')?.getAttribute('data-frames') ?? 0) > 0, undefined, { polling: 'raf', timeout: 600_000 });
    const volume3d = now() - t;
    const downsampled = (await page.locator('[data-testid=viewport-volume3d] .warn').count()) > 0;
    await step('MPR + 3-D drawn');
    const peaks = await sampler.stop();

    const out = path.join(work, 'dcm2niix');
    spawnSync('mkdir', ['-p', out]);
    t = now();
    const ref = spawnSync('dcm2niix', ['-z', 'n', '-f', 'ref', '-o', out, seriesDir], { stdio: 'ignore' });
    const dcm2niix = ref.status === 0 ? (now() - t) / 1000 : null;

    const delta = { main: peaks.main - baseline.main, chromium: peaks.chromium - baseline.chromium, gpu: peaks.gpu - baseline.gpu, renderer: peaks.renderer - baseline.renderer, jsHeap: peaks.jsHeap - baseline.jsHeap };
    const ratio = (bytes: number) => bytes / voxelBytes;
    const verdict = (bytes: number) => (ratio(bytes) <= 1.5 ? 'PASS' : 'FAIL');
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    process.stdout.write(
      `CT ${volume.dimensions.join('×')} ${volume.dtype}, voxels ${(voxelBytes / MiB).toFixed(0)} MiB; GPU limits ${JSON.stringify(limits)}\n` +
        `  import (reference only)             ${importSeconds.toFixed(1)} s\n` +
        `  open → first image                  ${f(firstImage)}\n` +
        `  open → MPR ready (3 views drawn)    ${f(mprReady)}\n` +
        `  scroll frame (median / max of 20)   ${f(median(scroll))} / ${f(Math.max(...scroll))}\n` +
        `  reslice frame, 5° oblique (median / max of 10) ${f(median(reslice))} / ${f(Math.max(...reslice))}\n` +
        `  3-D view first frame                ${f(volume3d)}${downsampled ? ' (downsampled to the texture limit)' : ''}\n` +
        `  peak increase: main RSS ${(delta.main / MiB).toFixed(0)} MiB (${(delta.main / voxelBytes).toFixed(2)}×), Chromium tree RSS ${(delta.chromium / MiB).toFixed(0)} MiB (${(delta.chromium / voxelBytes).toFixed(2)}×), page JS heap ${(delta.jsHeap / MiB).toFixed(0)} MiB (${(delta.jsHeap / voxelBytes).toFixed(2)}×)\n` +
        `  peak increase by Chromium process: GPU process ${ratio(delta.gpu).toFixed(2)}×, renderer process ${ratio(delta.renderer).toFixed(2)}× (upper bounds: shared pages counted per process)\n` +
        `  breakdown after each step (increase, × voxel bytes):\n` +
        steps.map((x) => `    ${x.step.padEnd(20)} page JS heap ${x.jsHeap.toFixed(2)}×, GPU process ${x.gpu.toFixed(2)}×, renderer process ${x.renderer.toFixed(2)}×\n`).join('') +
        `  target 1.5× the voxel bytes, per process: main ${ratio(delta.main).toFixed(2)}× ${verdict(delta.main)}, page JS heap ${ratio(delta.jsHeap).toFixed(2)}× ${verdict(delta.jsHeap)}, renderer process ${ratio(delta.renderer).toFixed(2)}× ${verdict(delta.renderer)}, GPU process ${ratio(delta.gpu).toFixed(2)}× ${verdict(delta.gpu)}\n` +
        // Summed over the tree, SwiftShader's texture (process RAM here, video memory on a real GPU)
        // is counted next to the page's voxels: reported against the same 1.5×, not hidden.
        `  Chromium tree (sum; its GPU process holds SwiftShader's texture in RAM) ${ratio(delta.chromium).toFixed(2)}× ${verdict(delta.chromium)}\n` +
        `  dcm2niix (reference: read, sort, write the volume)  ${dcm2niix === null ? 'not available' : `${dcm2niix.toFixed(2)} s`}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'viewer-chromium',
        reference: 'dcm2niix',
        dimensions: volume.dimensions,
        voxelBytes,
        gpuLimits: limits,
        firstImageMs: firstImage,
        mprReadyMs: mprReady,
        scrollFrameMs: { median: median(scroll), max: Math.max(...scroll) },
        resliceFrameMs: { median: median(reslice), max: Math.max(...reslice) },
        volume3dMs: volume3d,
        downsampled3d: downsampled,
        peakIncreaseBytes: delta,
        steps,
        target: { ratio: 1.5, main: verdict(delta.main), jsHeap: verdict(delta.jsHeap), rendererProcess: verdict(delta.renderer), gpuProcess: verdict(delta.gpu), chromiumTree: verdict(delta.chromium) },
        dcm2niixSeconds: dcm2niix,
      })}\n`,
    );
  } finally {
    await browser.close();
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
