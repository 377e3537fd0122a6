// The analyses table (migration 0007): one finished AnalysisResult per done job, plus the exact
// grids of its output volumes for the bulk route. Written once when a job ends; read by
// `ai:results`, the bulk route and `yingdu analyze`.
import type { AnalysisResult } from '../../../shared/ai-results';
import type { Database } from '../../store/database';
import type { OutputVolume } from '../pipelines/pipeline';

/** The voxel grid of one output volume (i fastest; LPS mm). */
export type OutputGrid = OutputVolume['grid'] & { dtype: 'uint8' | 'uint16' | 'float32' };

interface AnalysisRow {
  analysis_id: number;
  study_instance_uid: string;
  series_instance_uid: string;
  model_id: string;
  model_version: string;
  model_sha256: string;
  provider: string;
  seconds: number;
  result: string;
  output_grids: string;
  created_at: string;
}

/** The JSON body: everything of AnalysisResult that is not a column of its own. */
type StoredBody = Pick<AnalysisResult, 'findings' | 'measurements' | 'outputs' | 'warnings'>;

function toResult(row: AnalysisRow): AnalysisResult {
  const body = JSON.parse(row.result) as StoredBody;
  return {
    analysisId: row.analysis_id,
    seriesInstanceUID: row.series_instance_uid,
    studyInstanceUID: row.study_instance_uid,
    model: { id: row.model_id, version: row.model_version, sha256: row.model_sha256 },
    provider: row.provider,
    seconds: row.seconds,
    findings: body.findings,
    measurements: body.measurements,
    outputs: body.outputs,
    warnings: body.warnings,
    createdAt: row.created_at,
  };
}

export interface AnalysisStore {
  save(result: AnalysisResult, grids: readonly OutputGrid[]): void;
  get(analysisId: number): AnalysisResult | null;
  /** The grid of output `index` of an analysis, or null. */
  grid(analysisId: number, index: number): OutputGrid | null;
  /** Newest first; by study, by series, or all. */
  list(filter: { studyInstanceUID?: string; seriesInstanceUID?: string }): AnalysisResult[];
}

export function createAnalysisStore(db: Database): AnalysisStore {
  const insert = db.prepare(
    `INSERT INTO analyses (analysis_id, study_instance_uid, series_instance_uid, model_id, model_version, model_sha256,
       provider, seconds, result, output_grids, created_at)
     VALUES (@analysisId, @studyInstanceUID, @seriesInstanceUID, @modelId, @modelVersion, @modelSha256,
       @provider, @seconds, @result, @outputGrids, @createdAt)`,
  );
  const byId = db.prepare<[number], AnalysisRow>('SELECT * FROM analyses WHERE analysis_id = ?');
  const bySeries = db.prepare<[string], AnalysisRow>('SELECT * FROM analyses WHERE series_instance_uid = ? ORDER BY analysis_id DESC');
  const byStudy = db.prepare<[string], AnalysisRow>('SELECT * FROM analyses WHERE study_instance_uid = ? ORDER BY analysis_id DESC');
  const byBoth = db.prepare<[string, string], AnalysisRow>(
    'SELECT * FROM analyses WHERE study_instance_uid = ? AND series_instance_uid = ? ORDER BY analysis_id DESC',
  );
  const all = db.prepare<[], AnalysisRow>('SELECT * FROM analyses ORDER BY analysis_id DESC');

  return {
    save(result, grids) {
      const body: StoredBody = { findings: result.findings, measurements: result.measurements, outputs: result.outputs, warnings: result.warnings };
      insert.run({
        analysisId: result.analysisId,
        studyInstanceUID: result.studyInstanceUID,
        seriesInstanceUID: result.seriesInstanceUID,
        modelId: result.model.id,
        modelVersion: result.model.version,
        modelSha256: result.model.sha256,
        provider: result.provider,
        seconds: result.seconds,
        result: JSON.stringify(body),
        outputGrids: JSON.stringify(grids),
        createdAt: result.createdAt,
      });
    },
    get(analysisId) {
      const row = byId.get(analysisId);
      return row ? toResult(row) : null;
    },
    grid(analysisId, index) {
      const row = byId.get(analysisId);
      if (!row) return null;
      const grids = JSON.parse(row.output_grids) as OutputGrid[];
      return grids[index] ?? null;
    },
    list({ studyInstanceUID, seriesInstanceUID }) {
      const rows =
        studyInstanceUID && seriesInstanceUID
          ? byBoth.all(studyInstanceUID, seriesInstanceUID)
          : studyInstanceUID
            ? byStudy.all(studyInstanceUID)
            : seriesInstanceUID
              ? bySeries.all(seriesInstanceUID)
              : all.all();
      return rows.map(toResult);
    },
  };
}
