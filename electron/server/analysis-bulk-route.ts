// The web host's route for AI output volumes, GET /bulk/analysis/<analysisId>/<outputIndex>:
// the same conventions as /bulk/volume/ (bulk-route.ts): token checked by the web host before
// this runs, strict path syntax, JSON error bodies with a code, streamed little-endian voxels.
// Electron serves the same path through `analysisBulkResponse` (analysis-bulk.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { analysisBulkHeaders, type AnalysisVolume, resolveAnalysisVolume } from '../core/inference/jobs/analysis-bulk';
import type { AnalysisStore } from '../core/inference/jobs/analysis-store';
import { BULK_STATUS, littleEndianBytes } from '../core/viewer/bulk-volume';
import { AppError } from '../shared/result';
import { replyError, streamBytes } from './bulk-route';

export { isAnalysisBulkPath } from '../core/inference/jobs/analysis-bulk';

export async function handleAnalysisBulkRequest(
  store: AnalysisStore,
  dataDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let volume: AnalysisVolume;
  try {
    volume = await resolveAnalysisVolume(store, dataDir, url.pathname);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    replyError(res, BULK_STATUS[error.code] ?? 500, error.code, error.message);
    return;
  }
  res.writeHead(200, analysisBulkHeaders(volume));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await streamBytes(res, littleEndianBytes(volume));
}
