// The loopback web host: serves the built renderer and the contract's handler table over a
// WebSocket to any Chromium on this machine. Bound to 127.0.0.1 only; every HTTP request and
// every WebSocket connection must carry the per-run token (query on first load, then an
// HttpOnly SameSite=Strict cookie). The Host and Origin headers are checked so a web page
// elsewhere cannot reach it through DNS rebinding.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core';
import { describeError } from '../core/logging/log';
import { isTokenValid, readRequestToken, TOKEN_COOKIE } from './auth-token';
import { parseClientMessage, type ServerMessage } from '../shared/ws-protocol';
import { handleAnalysisBulkRequest, isAnalysisBulkPath } from './analysis-bulk-route';
import { handleBulkRequest, isBulkPath } from './bulk-route';
import { serveStatic } from './static-files';
import { createUploadRoute, UPLOAD_PREFIX } from './upload-route';

export const LOOPBACK = '127.0.0.1';

export interface WebHostOptions {
  core: Core;
  /** Folder of the built renderer (`dist/renderer`). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** For tests only; a random 256-bit token is generated otherwise. */
  token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const { core } = options;
  let port = 0;

  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);
  const uploads = createUploadRoute(core);

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      core.logger.log('error', 'http.failed', describeError(error));
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const presented = readRequestToken(req, url);
    if (!isTokenValid(presented.token, token)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
        .end('401 Unauthorized: open the address with the token that `yingdu serve` printed.');
      return;
    }
    if (presented.source === 'query') {
      // Trade the token in the address for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res
        .writeHead(303, {
          'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: `${url.pathname}${url.search}`,
          'Cache-Control': 'no-store',
        })
        .end();
      return;
    }
    if (url.pathname === UPLOAD_PREFIX || url.pathname.startsWith(`${UPLOAD_PREFIX}/`)) {
      await uploads.handle(req, res, url, allowedOrigins().has(req.headers.origin ?? ''));
      return;
    }
    if (isBulkPath(url.pathname)) {
      await handleBulkRequest(core.volumes, req, res, url);
      return;
    }
    if (isAnalysisBulkPath(url.pathname)) {
      await handleAnalysisBulkRequest(core.jobs.analyses, core.layout.root, req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    await serveStatic(options.staticDir, url.pathname, req, res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const authorised =
      url.pathname === '/ws' &&
      allowedHosts().has(req.headers.host ?? '') &&
      allowedOrigins().has(req.headers.origin ?? '') &&
      isTokenValid(readRequestToken(req, url).token, token);
    if (!authorised) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = core.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseClientMessage(data.toString());
      if (!message) {
        send({ type: 'error', error: { code: 'INVALID_ARGUMENT', message: 'Malformed message.' } });
        return;
      }
      void core.dispatch(message.channel, message.args).then((result) => send({ type: 'result', id: message.id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      uploads.close();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
