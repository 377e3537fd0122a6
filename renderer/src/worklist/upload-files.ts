// Browser side of the web host's upload route (electron/server/upload-route.ts): a browser
// page has no file paths, so files are streamed to the workstation and imported from there.
import type { AppErrorShape, Result } from '../../../electron/shared/result';

const UPLOADS = '/api/uploads';
/** Files in flight at once: enough to hide request latency, few enough not to starve the socket. */
const CONCURRENCY = 4;

export class UploadFailed extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
  }
}

async function postJson<T>(url: string, body?: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: body ?? null,
      headers: body ? { 'Content-Type': 'application/octet-stream' } : {},
      credentials: 'same-origin',
    });
  } catch {
    throw new UploadFailed({ code: 'UNAVAILABLE', message: 'The workstation service is not reachable.' });
  }
  const result = (await response.json().catch(() => null)) as Result<T> | null;
  if (!result) throw new UploadFailed({ code: 'INTERNAL', message: `Upload failed with HTTP ${response.status}.` });
  if (!result.ok) throw new UploadFailed(result.error);
  return result.value;
}

/** True where the upload route exists (the web host); Electron imports by path instead. */
export function canUpload(): boolean {
  return !window.yingdu;
}

/** Uploads `files` and starts their import; resolves to the import id. */
export async function uploadAndImport(
  files: readonly File[],
  onProgress: (done: number, total: number) => void,
  isCancelled: () => boolean,
): Promise<string | null> {
  const { uploadId } = await postJson<{ uploadId: string }>(UPLOADS);
  let next = 0;
  let done = 0;
  onProgress(0, files.length);
  const worker = async () => {
    while (next < files.length && !isCancelled()) {
      const file = files[next++]!;
      await postJson(`${UPLOADS}/${uploadId}/files`, file);
      onProgress(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  if (isCancelled()) return null;
  const { importId } = await postJson<{ importId: string }>(`${UPLOADS}/${uploadId}/import`);
  return importId;
}

/** Every file under the dropped items, folders walked (DataTransferItem.webkitGetAsEntry). */
export async function collectDroppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return [...data.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call; call until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
