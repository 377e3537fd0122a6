// Uploads for the browser: a page served by the web host cannot hand the workstation file
// paths, so it streams the chosen files here and then asks for them to be imported.
//   POST /api/uploads                → { uploadId }        (creates <data>/tmp/upload-<id>/)
//   POST /api/uploads/<id>/files     → { files, bytes }    (body = one file's bytes)
//   POST /api/uploads/<id>/import    → { importId }        (import:start on the folder)
// The web host checks the token first. Files get generated names (never the client's name:
// DICOM and browser file names are untrusted), sizes are capped, and the folder is removed
// when its import finishes. The desktop app imports by path instead (native dialog; drops resolved in the preload).
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Core } from '../core/core';
import type { ErrorCode, Result } from '../shared/result';

export const UPLOAD_PREFIX = '/api/uploads';

export interface UploadLimits {
  /** Largest single file (default 2 GiB: a big enhanced multi-frame object). */
  maxFileBytes: number;
  /** Largest upload in total (default 32 GiB). */
  maxUploadBytes: number;
  /** Most files in one upload (default 200,000). */
  maxFiles: number;
}

const DEFAULT_LIMITS: UploadLimits = { maxFileBytes: 2 * 1024 ** 3, maxUploadBytes: 32 * 1024 ** 3, maxFiles: 200_000 };

interface Upload {
  dir: string;
  files: number;
  bytes: number;
  importing: boolean;
}

class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function reply(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Counts bytes as they stream and fails the pipeline once the cap is crossed. */
function byteCap(limit: number, onBytes: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        callback(new UploadError(413, 'INVALID_ARGUMENT', `The file is larger than the ${limit} bytes an upload may hold.`));
        return;
      }
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

export interface UploadRoute {
  /** Handles a request under UPLOAD_PREFIX; `sameOrigin` is the web host's Origin check. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, sameOrigin: boolean): Promise<void>;
  close(): void;
}

export function createUploadRoute(core: Core, limits: Partial<UploadLimits> = {}): UploadRoute {
  const caps = { ...DEFAULT_LIMITS, ...limits };
  const uploads = new Map<string, Upload>();

  const remove = (id: string) => {
    const upload = uploads.get(id);
    uploads.delete(id);
    if (upload) rmSync(upload.dir, { recursive: true, force: true });
  };

  async function receiveFile(req: IncomingMessage, upload: Upload): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > caps.maxFileBytes) {
      throw new UploadError(413, 'INVALID_ARGUMENT', `The file is larger than the ${caps.maxFileBytes} bytes an upload may hold.`);
    }
    if (upload.files >= caps.maxFiles) {
      throw new UploadError(413, 'INVALID_ARGUMENT', `An upload may hold at most ${caps.maxFiles} files; import the rest separately.`);
    }
    const file = path.join(upload.dir, `${String(upload.files).padStart(7, '0')}.dcm`);
    upload.files += 1;
    const room = Math.min(caps.maxFileBytes, caps.maxUploadBytes - upload.bytes);
    try {
      await pipeline(req, byteCap(room, (n) => (upload.bytes += n)), createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await unlink(file).catch(() => {});
      if (error instanceof UploadError) throw error;
      if ((error as { code?: string }).code === 'ENOSPC') {
        throw new UploadError(507, 'DISK_FULL', 'The disk of the data folder is full; free space and upload again.');
      }
      throw new UploadError(400, 'IO_ERROR', 'The upload was interrupted; choose the files again.');
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.slice(UPLOAD_PREFIX.length).split('/').filter(Boolean);
    if (parts.length === 0) {
      const id = randomBytes(8).toString('hex');
      const dir = path.join(core.layout.tmp, `upload-${id}`);
      mkdirSync(dir, { recursive: true });
      uploads.set(id, { dir, files: 0, bytes: 0, importing: false });
      reply(res, 201, { ok: true, value: { uploadId: id } });
      return;
    }
    // The id only selects an entry this route created; it never becomes part of a path itself.
    const upload = uploads.get(parts[0] ?? '');
    if (!upload || parts.length !== 2) throw new UploadError(404, 'NOT_FOUND', 'This upload is unknown or finished; start it again.');
    if (upload.importing) throw new UploadError(409, 'CONFLICT', 'This upload is already being imported.');
    if (parts[1] === 'files') {
      await receiveFile(req, upload);
      reply(res, 200, { ok: true, value: { files: upload.files, bytes: upload.bytes } });
    } else if (parts[1] === 'import') {
      await importUpload(parts[0]!, upload, res);
    } else {
      throw new UploadError(404, 'NOT_FOUND', 'Unknown upload action.');
    }
  }

  async function importUpload(id: string, upload: Upload, res: ServerResponse): Promise<void> {
    upload.importing = true;
    let importId: string | null = null;
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (event === 'import:finished' && (payload as { importId: string }).importId === importId) {
        unsubscribe();
        remove(id);
      }
    });
    const result = await core.dispatch('import:start', { paths: [upload.dir] });
    if (!result.ok) {
      unsubscribe();
      remove(id);
      reply(res, 400, result);
      return;
    }
    importId = (result.value as { importId: string }).importId;
    reply(res, 200, result);
  }

  return {
    async handle(req, res, url, sameOrigin) {
      try {
        // SameSite=Strict already keeps other sites' forms out; the Origin check is the second lock.
        if (req.method !== 'POST') throw new UploadError(405, 'INVALID_ARGUMENT', 'Uploads use POST.');
        if (!sameOrigin) throw new UploadError(403, 'FORBIDDEN_SENDER', 'Uploads are accepted only from the workstation page itself.');
        await route(req, res, url);
      } catch (error) {
        if (!(error instanceof UploadError)) throw error;
        req.resume();
        if (!res.headersSent) reply(res, error.status, { ok: false, error: { code: error.code, message: error.message } });
      }
    },
    close() {
      for (const id of [...uploads.keys()]) if (!uploads.get(id)?.importing) remove(id);
    },
  };
}
