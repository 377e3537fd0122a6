// The bulk voxel route of the web host: token checked, strict UIDs, only series the database
// knows, and the bytes equal to what pydicom (the reference parser) reads from the same files.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { bulkResponse } from '../../../electron/core/viewer/bulk-volume';
import { parseBulkPath } from '../../../electron/server/bulk-route';
import { startWebHost, type WebHost } from '../../../electron/server/web-host';
import type { StudyDetail } from '../../../electron/shared/studies';
import type { VolumeDescription } from '../../../electron/shared/volumes';
import { bulkVolumePath } from '../../../electron/shared/volumes';
import { runPydicomJson } from '../../support/pydicom';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, pathName: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A fresh connection per request: a kept-alive socket idle past the server's keep-alive timeout
    // (while pydicom runs) can be reset just as it is reused.
    const req = request({ host: '127.0.0.1', port, path: pathName, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');

// Slices sorted along the normal with pydicom, as the reference for geometry and voxels.
const REFERENCE_SCRIPT = `
import sys, json, os, pydicom, numpy as np
d = sys.argv[1]
ds = [pydicom.dcmread(os.path.join(d, f)) for f in os.listdir(d) if f.endswith('.dcm')]
o = np.array(ds[0].ImageOrientationPatient, float); n = np.cross(o[:3], o[3:])
ds.sort(key=lambda x: float(np.dot(n, np.array(x.ImagePositionPatient, float))))
mid = len(ds) // 2
print(json.dumps({
  'origin': [float(v) for v in ds[0].ImagePositionPatient],
  'last': [float(v) for v in ds[-1].ImagePositionPatient],
  'spacing': [float(v) for v in ds[0].PixelSpacing],
  'slices': len(ds), 'rows': int(ds[0].Rows), 'columns': int(ds[0].Columns),
  'dtype': str(ds[mid].pixel_array.dtype), 'mid': mid, 'midSum': int(ds[mid].pixel_array.astype(np.int64).sum()),
  'midSample': [int(v) for v in ds[mid].pixel_array.ravel()[::4099]],
  'window': [float(ds[0].WindowCenter if not isinstance(ds[0].WindowCenter, pydicom.multival.MultiValue) else ds[0].WindowCenter[0])],
}))
`;

interface Reference {
  origin: number[];
  last: number[];
  spacing: number[];
  slices: number;
  rows: number;
  columns: number;
  dtype: string;
  mid: number;
  midSum: number;
  midSample: number[];
  window: number[];
}

describe('parseBulkPath', () => {
  it('accepts only /bulk/volume/<strict UID>/<number>', () => {
    expect(parseBulkPath('/bulk/volume/1.2.840.10008/0')).toEqual({ seriesInstanceUID: '1.2.840.10008', index: 0 });
    expect(parseBulkPath('/bulk/volume/1.2.3/12')).toEqual({ seriesInstanceUID: '1.2.3', index: 12 });
    for (const bad of ['/bulk/volume/1.2.3', '/bulk/volume/1.2.3/', '/bulk/volume/1..2/0', '/bulk/volume/1.02/0', '/bulk/volume/.1/0',
      '/bulk/volume/1.2/01', '/bulk/volume/1.2/-1', '/bulk/volume/1.2/0/x', '/bulk/volume/../0', `/bulk/volume/${'1.'.repeat(40)}1/0`]) {
      expect(parseBulkPath(bad), bad).toBeNull();
    }
  });
});

describe.skipIf(!HAS_SHARED)(`bulk route on the web host${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-bulk-');
  let core: Core;
  let host: WebHost;
  let cookie: Record<string, string>;
  let seriesUID: string;

  beforeAll(async () => {
    core = createCore({ dataDir: temp.dir, host: 'web' });
    host = await startWebHost({ core, staticDir: temp.dir, port: 0 });
    cookie = { Cookie: `yingdu_token=${host.token}`, Host: `127.0.0.1:${host.port}` };
    const finished = new Promise<void>((resolve) => {
      core.events.subscribe((event) => event === 'import:finished' && resolve());
    });
    const started = await core.dispatch('import:start', { paths: [CT_DIR] });
    expect(started.ok).toBe(true);
    await finished;
    const list = await core.dispatch('studies:list', {});
    if (!list.ok) throw new Error('studies:list failed');
    const uid = (list.value as { rows: { studyInstanceUID: string }[] }).rows[0]!.studyInstanceUID;
    const study = await core.dispatch('studies:get', { studyInstanceUID: uid });
    seriesUID = (study as { ok: true; value: StudyDetail }).value.series[0]!.seriesInstanceUID;
  }, 90_000);
  afterAll(async () => {
    await host?.close();
    await core?.close();
    temp.remove();
  });

  it('refuses a request without the token, an unknown series and a malformed UID', async () => {
    const path = bulkVolumePath(seriesUID, 0);
    expect((await get(host.port, path, { Host: cookie.Host! })).status).toBe(401);
    const unknown = await get(host.port, bulkVolumePath('1.2.3.4.5', 0), cookie);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const malformed = await get(host.port, '/bulk/volume/1.2.abc/0', cookie);
    expect(malformed.status).toBe(400);
    expect((await get(host.port, bulkVolumePath(seriesUID, 1), cookie)).status).toBe(404);
    expect((await core.dispatch('volumes:describe', { seriesInstanceUID: '../etc' })).ok).toBe(false);
  });

  it('describes the volume as pydicom reads the files, and streams the same voxels', async () => {
    const ref = runPydicomJson<Reference>(REFERENCE_SCRIPT, [CT_DIR]);
    const described = await core.dispatch('volumes:describe', { seriesInstanceUID: seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    const [v] = described.value as VolumeDescription[];
    expect(v).toBeDefined();
    expect(v!.dimensions).toEqual([ref.columns, ref.rows, ref.slices]);
    expect(v!.dtype).toBe(ref.dtype);
    v!.origin.forEach((c, i) => expect(c).toBeCloseTo(ref.origin[i]!, 3));
    const extent = Math.hypot(...ref.last.map((c, i) => c - ref.origin[i]!));
    expect(v!.spacing[2] * (ref.slices - 1)).toBeCloseTo(extent, 3);
    expect(v!.spacing[0]).toBeCloseTo(ref.spacing[1]!, 6);
    expect(v!.windowPresets[0]?.center).toBeCloseTo(ref.window[0]!, 3);

    const reply = await get(host.port, bulkVolumePath(seriesUID, 0), cookie);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-yingdu-dtype']).toBe(ref.dtype);
    expect(reply.body.length).toBe(v!.byteLength);
    const bytes = reply.body.buffer.slice(reply.body.byteOffset, reply.body.byteOffset + reply.body.length);
    const voxels: Int16Array | Uint16Array = ref.dtype === 'int16' ? new Int16Array(bytes) : new Uint16Array(bytes);
    const plane = ref.rows * ref.columns;
    const mid = voxels.subarray(ref.mid * plane, (ref.mid + 1) * plane);
    let sum = 0;
    for (const x of mid) sum += x;
    expect(sum).toBe(ref.midSum);
    expect(Array.from({ length: ref.midSample.length }, (_, i) => mid[i * 4099])).toEqual(ref.midSample);

    // The Electron protocol handler's Response carries the same bytes and the same refusals.
    const electronReply = await bulkResponse(core.volumes, bulkVolumePath(seriesUID, 0));
    expect(electronReply.status).toBe(200);
    expect(Buffer.from(await electronReply.arrayBuffer()).equals(reply.body)).toBe(true);
    expect((await bulkResponse(core.volumes, bulkVolumePath('1.2.3.4.5', 0))).status).toBe(404);
    expect((await bulkResponse(core.volumes, '/bulk/volume/1.2/x')).status).toBe(400);

    const head = await get(host.port, bulkVolumePath(seriesUID, 0), cookie, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(v!.byteLength);
  });
});
