// The web host's route for AI output volumes, GET /bulk/analysis/<analysisId>/<outputIndex>:
// the same conventions as /bulk/volume/ (bulk-route.ts): token checked by the web host before
// this runs, strict path syntax, JSON error bodies with a code, streamed little-endian voxels.
// Electron serves the same path through `analysisBulkResponse` (analysis-bulk.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { analysisBulkHeaders, resolveAnalysisVolume } from '../core/inference/jobs/analysis-bulk';
import type { AnalysisStore } from '../core/inference/jobs/analysis-store';
import { serveVoxels } from './bulk-route';

export { isAnalysisBulkPath } from '../core/inference/jobs/analysis-bulk';

export async function handleAnalysisBulkRequest(
  store: AnalysisStore,
  dataDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  await serveVoxels(req, res, () => resolveAnalysisVolume(store, dataDir, url.pathname), analysisBulkHeaders);
}
