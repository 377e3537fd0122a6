// The browser upload route of the web host: token and Origin checked, files stored under
// generated names in <data>/tmp, size caps, and a real import of real CT slices afterwards.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { createUploadRoute, UPLOAD_PREFIX } from '../../../electron/server/upload-route';
import { startWebHost, type WebHost } from '../../../electron/server/web-host';
import { HAS_SHARED, sharedData } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';

interface Reply {
  status: number;
  body: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } } | null;
}

function post(port: number, pathName: string, body: Buffer | null, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathName, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed: Reply['body'] = null;
        try {
          parsed = JSON.parse(text) as Reply['body'];
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');

describe('upload route through the web host', () => {
  const temp = makeTempDir('yingdu-upload-');
  let core: Core;
  let host: WebHost;
  let headers: Record<string, string>;

  beforeAll(async () => {
    core = createCore({ dataDir: temp.dir, host: 'web' });
    host = await startWebHost({ core, staticDir: temp.dir, port: 0, token: 'a'.repeat(64) });
    headers = { Cookie: `yingdu_token=${host.token}`, Origin: `http://127.0.0.1:${host.port}`, Host: `127.0.0.1:${host.port}` };
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    temp.remove();
  });

  it('refuses a request without the token, and one from another origin', async () => {
    expect((await post(host.port, UPLOAD_PREFIX, null, { Origin: headers.Origin! })).status).toBe(401);
    const foreign = await post(host.port, UPLOAD_PREFIX, null, { ...headers, Origin: 'http://evil.example' });
    expect(foreign).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN_SENDER' } } });
    expect(readdirSync(core.layout.tmp).filter((f) => f.startsWith('upload-'))).toEqual([]);
  });

  it('answers NOT_FOUND for an upload id it did not create, whatever the id looks like', async () => {
    for (const id of ['0123456789abcdef', 'upload-x', '%00']) {
      expect((await post(host.port, `${UPLOAD_PREFIX}/${id}/files`, Buffer.from('x'), headers)).status).toBe(404);
    }
    // ".." is resolved by URL parsing before routing: it leaves the upload prefix and is refused as a POST.
    for (const dots of ['..', '%2e%2e']) {
      expect((await post(host.port, `${UPLOAD_PREFIX}/${dots}/files`, Buffer.from('x'), headers)).status).toBe(405);
    }
    expect(readdirSync(core.layout.tmp).filter((f) => f.startsWith('upload-'))).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)('stores files under generated names, imports them, then removes the folder', async () => {
    const created = await post(host.port, UPLOAD_PREFIX, null, headers);
    expect(created.status).toBe(201);
    const uploadId = created.body!.value!.uploadId as string;
    expect(uploadId).toMatch(/^[0-9a-f]{16}$/);
    const names = readdirSync(CT_DIR).filter((f) => f.endsWith('.dcm')).slice(0, 3);
    let bytes = 0;
    for (const name of names) {
      const data = readFileSync(path.join(CT_DIR, name));
      bytes += data.length;
      const sent = await post(host.port, `${UPLOAD_PREFIX}/${uploadId}/files?name=../../evil.dcm`, data, { ...headers, 'Content-Type': 'application/octet-stream' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
    const dir = path.join(core.layout.tmp, `upload-${uploadId}`);
    expect(readdirSync(dir)).toEqual(['0000000.dcm', '0000001.dcm', '0000002.dcm']);
    expect(existsSync(path.join(temp.dir, 'evil.dcm'))).toBe(false);

    const finished = new Promise<{ added: number }>((resolve) => {
      core.events.subscribe((event, payload) => {
        if (event === 'import:finished') resolve(payload as unknown as { added: number });
      });
    });
    const started = await post(host.port, `${UPLOAD_PREFIX}/${uploadId}/import`, null, headers);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body!.value!.importId).toMatch(/^imp-/);
    expect((await finished).added).toBe(3);
    expect(existsSync(dir)).toBe(false);
    const list = await core.dispatch('studies:list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 1, rows: [{ numberOfInstances: 3 }] } });
    expect(bytes).toBeGreaterThan(0);
  }, 60_000);
});

describe('upload route limits', () => {
  const temp = makeTempDir('yingdu-upload-cap-');
  let core: Core;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    core = createCore({ dataDir: temp.dir, host: 'web' });
    const route = createUploadRoute(core, { maxFileBytes: 1000, maxUploadBytes: 1500, maxFiles: 3 });
    server = createServer((req, res) => void route.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), true));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await core.close();
    temp.remove();
  });

  it('refuses a file over the size cap and keeps nothing of it', async () => {
    const id = (await post(port, UPLOAD_PREFIX, null, {})).body!.value!.uploadId as string;
    const big = await post(port, `${UPLOAD_PREFIX}/${id}/files`, Buffer.alloc(1001), {});
    expect(big).toMatchObject({ status: 413, body: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    expect(big.body!.error!.message).toMatch(/larger than/);
    expect(await post(port, `${UPLOAD_PREFIX}/${id}/files`, Buffer.alloc(900), {})).toMatchObject({ status: 200 });
    // The second file would pass the per-file cap but not the per-upload total.
    expect((await post(port, `${UPLOAD_PREFIX}/${id}/files`, Buffer.alloc(900), {})).status).toBe(413);
    expect(readdirSync(path.join(core.layout.tmp, `upload-${id}`))).toHaveLength(1);
  });

  it('refuses other methods', async () => {
    const res = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port, path: UPLOAD_PREFIX, method: 'GET' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }).end();
    });
    expect(res).toBe(405);
  });
});
