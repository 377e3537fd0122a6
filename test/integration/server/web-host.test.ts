// The loopback web host's guarantees: loopback only, the token on every request and connection,
// Host/Origin checks against DNS rebinding, no path traversal, and the contract over WebSocket.
import { writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../electron/core/core';
import { startWebHost, type WebHost } from '../../../electron/server/web-host';
import { makeTempDir } from '../../support/temp-dir';

interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathAndQuery, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function rpc(ws: WebSocket, id: number, channel: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number };
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve((message as unknown as { result: unknown }).result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, args }));
  });
}

describe('loopback web host', () => {
  const temp = makeTempDir();
  const staticDir = path.join(temp.dir, 'renderer');
  let core: Core;
  let host: WebHost;
  let cookie: string;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(temp.dir, 'secret.txt'), 'outside the static root');
    core = createCore({ dataDir: path.join(temp.dir, 'data'), host: 'web' });
    host = await startWebHost({ core, staticDir, port: 0 });
    origin = `http://127.0.0.1:${host.port}`;
    cookie = `yingdu_token=${host.token}`;
  });

  afterAll(async () => {
    await host.close();
    await core.close();
    temp.remove();
  });

  it('uses a random 256-bit token per run', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers 401 without the token, and with a wrong one', async () => {
    expect((await get(host.port, '/')).status).toBe(401);
    expect((await get(host.port, '/index.html')).status).toBe(401);
    expect((await get(host.port, `/?token=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await get(host.port, '/', { Cookie: 'yingdu_token=nope' })).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly SameSite cookie, then serves the UI with a CSP', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain(`yingdu_token=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');

    const page = await get(host.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>t</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses paths that escape the renderer folder', async () => {
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00index.html']) {
      const reply = await get(host.port, evil, { Cookie: cookie });
      expect(reply.status, evil).not.toBe(200);
      expect(reply.body).not.toContain('outside the static root');
    }
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const reply = await get(host.port, '/', { Cookie: cookie, Host: `evil.example:${host.port}` });
    expect(reply.status).toBe(421);
  });

  it('listens on loopback only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((ni) => ni && ni.family === 'IPv4' && !ni.internal);
    if (!external) {
      console.log('web-host: no non-loopback IPv4 interface on this machine; checked the bound address only');
    } else {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws`;
    await expect(openSocket(url, { Origin: origin })).rejects.toThrow('401');
    await expect(openSocket(url, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow('401');
  });

  it('serves the contract over an authenticated WebSocket and validates arguments', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws`, { Origin: origin, Cookie: cookie });
    try {
      const info = (await rpc(ws, 1, 'app:info', {})) as { ok: boolean; value: { onnxruntime: { executionProviders: string[] } } };
      expect(info.ok).toBe(true);
      expect(info.value.onnxruntime.executionProviders).toContain('cpu');

      const bad = (await rpc(ws, 2, 'prefs:set', { language: 'fr' })) as { ok: boolean; error: { code: string; message: string } };
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(bad.error.message).toContain('language');

      const unknown = (await rpc(ws, 3, 'fs:readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

      const extra = (await rpc(ws, 4, 'app:info', { evil: true })) as { ok: boolean; error: { code: string } };
      expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    } finally {
      ws.close();
    }
  });

  it('pushes events to connected renderers', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws`, { Origin: origin, Cookie: cookie });
    try {
      const event = new Promise<unknown>((resolve) => {
        ws.on('message', (data) => {
          const message = JSON.parse(data.toString()) as { type: string };
          if (message.type === 'event') resolve(message);
        });
      });
      await rpc(ws, 1, 'prefs:set', { language: 'en' });
      expect(await event).toEqual({ type: 'event', event: 'prefs:changed', payload: { language: 'en' } });
    } finally {
      ws.close();
    }
  });

  it('answers malformed WebSocket messages with an error instead of dropping the connection', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws`, { Origin: origin, Cookie: cookie });
    try {
      const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
      ws.send('{not json');
      expect(await reply).toMatchObject({ type: 'error', error: { code: 'INVALID_ARGUMENT' } });
      expect(ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      ws.close();
    }
  });
});
