// Opening a series in the viewer, server side (`npx tsx test/bench/viewer/open-series-bench.ts`):
// cold `volumes:describe` (store files → volume worker → cache), then the voxels over the bulk
// route of a real web host (HTTP on loopback, token cookie), cold and warm. Reference in the same
// script: dcm2niix converting the same folder (it reads, sorts and writes the volume). Prints a
// table and one JSON line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../../../electron/core/core';
import { sharedVolumeCache } from '../../../electron/core/volumes/volume-cache';
import { startWebHost } from '../../../electron/server/web-host';
import { bulkVolumePath, type VolumeDescription } from '../../../electron/shared/volumes';
import { sharedData } from '../../support/shared-data';

const SERIES = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function download(port: number, pathName: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathName, headers: { Cookie: cookie }, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yingdu-viewer-bench-'));
  const core = createCore({ dataDir: path.join(dir, 'data'), host: 'web' });
  const host = await startWebHost({ core, staticDir: dir, port: 0 });
  try {
    const finished = new Promise<void>((resolve) => core.events.subscribe((e) => e === 'import:finished' && resolve()));
    await core.dispatch('import:start', { paths: [SERIES] });
    await finished;
    const list = await core.dispatch('studies:list', {});
    const studyUID = (list as { value: { rows: { studyInstanceUID: string }[] } }).value.rows[0]!.studyInstanceUID;
    const study = await core.dispatch('studies:get', { studyInstanceUID: studyUID });
    const seriesUID = (study as { value: { series: { seriesInstanceUID: string }[] } }).value.series[0]!.seriesInstanceUID;

    sharedVolumeCache.clear();
    let t = process.hrtime.bigint();
    const described = await core.dispatch('volumes:describe', { seriesInstanceUID: seriesUID });
    const describeCold = seconds(t);
    const volume = (described as { value: VolumeDescription[] }).value[0]!;
    const cookie = `yingdu_token=${host.token}`;
    t = process.hrtime.bigint();
    const bytes = await download(host.port, bulkVolumePath(seriesUID, 0), cookie);
    const bulkWarm = seconds(t);
    sharedVolumeCache.clear();
    t = process.hrtime.bigint();
    await download(host.port, bulkVolumePath(seriesUID, 0), cookie);
    const bulkCold = seconds(t);

    const out = path.join(dir, 'dcm2niix');
    spawnSync('mkdir', ['-p', out]);
    t = process.hrtime.bigint();
    const ref = spawnSync('dcm2niix', ['-z', 'n', '-f', 'ref', '-o', out, SERIES], { stdio: 'ignore' });
    const dcm2niix = ref.status === 0 ? seconds(t) : null;

    const mb = bytes / 1024 / 1024;
    process.stdout.write(
      `chest CT ${volume.dimensions.join('×')} ${volume.dtype}, ${mb.toFixed(1)} MiB\n` +
        `  volumes:describe cold (assemble in worker)  ${describeCold.toFixed(3)} s\n` +
        `  bulk GET warm (cached volume)               ${bulkWarm.toFixed(3)} s  ${(mb / bulkWarm).toFixed(0)} MiB/s\n` +
        `  bulk GET cold (assemble + send)             ${bulkCold.toFixed(3)} s\n` +
        `  dcm2niix (reference: read, sort, write)     ${dcm2niix === null ? 'not available' : `${dcm2niix.toFixed(3)} s`}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'viewer-open-series', reference: 'dcm2niix', bytes, describeColdSeconds: describeCold, bulkWarmSeconds: bulkWarm, bulkColdSeconds: bulkCold, dcm2niixSeconds: dcm2niix })}\n`,
    );
  } finally {
    await host.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
