// FIXTURE: stores an AnalysisResult as if a lung CAD job had run, through the real jobs and
// analyses tables (a 'done' job row, then the analysis store). Used by the review tests until
// they run an installed package through the job service; the model id says it is a fixture.
import type { Database } from '../../electron/core/store/database';
import { createAnalysisStore } from '../../electron/core/inference/jobs/analysis-store';
import type { AnalysisResult, Finding } from '../../electron/shared/ai-results';

export const FIXTURE_MODEL = { id: 'fixture-lung-cad', version: '0.0.1-fixture', sha256: 'f'.repeat(64) };

/** Three nodules: a 4A solid one on the left, a 2 solid one on the right, a part-solid one on the left. */
export const FIXTURE_FINDINGS: Finding[] = [
  {
    id: 'f1',
    type: 'nodule',
    label: 'nodule',
    probability: 0.91,
    uncertainty: 0.05,
    lowConfidence: false,
    centerLPS: [62.5, 10.2, -140.0],
    boundsLPS: [
      [57.0, 5.0, -145.0],
      [68.0, 15.5, -135.0],
    ],
    longAxisMm: 11.2,
    shortAxisMm: 8.6,
    volumeMl: 0.45,
    meanValue: 20,
    consistency: 'solid',
    side: 'left',
    location: 'left upper lobe',
  },
  {
    id: 'f2',
    type: 'nodule',
    label: 'nodule',
    probability: 0.55,
    uncertainty: 0.4,
    lowConfidence: true,
    centerLPS: [-48.0, 30.0, -160.0],
    longAxisMm: 5.0,
    shortAxisMm: 4.2,
    consistency: 'solid',
    side: 'right',
    location: 'right lower lobe',
  },
  {
    id: 'f3',
    type: 'nodule',
    label: 'nodule',
    probability: 0.77,
    centerLPS: [40.0, -5.0, -120.0],
    longAxisMm: 9.0,
    shortAxisMm: 7.0,
    consistency: 'ground-glass',
    side: 'left',
    location: 'left lower lobe',
  },
];

/** A 'done' job row of the fixture model on the series, as the job service leaves it; returns its id (the analysis id). */
export function recordFixtureJob(db: Database, studyInstanceUID: string, seriesInstanceUID: string): number {
  const at = new Date().toISOString();
  const job = db
    .prepare(
      `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, progress,
         provider, created_at, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 'routine', 'done', 1, 'cpu', ?, ?, ?)`,
    )
    .run(seriesInstanceUID, studyInstanceUID, FIXTURE_MODEL.id, FIXTURE_MODEL.version, FIXTURE_MODEL.sha256, at, at, at);
  return Number(job.lastInsertRowid);
}

export function storeFixtureAnalysis(db: Database, studyInstanceUID: string, seriesInstanceUID: string, findings = FIXTURE_FINDINGS): AnalysisResult {
  const at = new Date().toISOString();
  const result: AnalysisResult = {
    analysisId: recordFixtureJob(db, studyInstanceUID, seriesInstanceUID),
    studyInstanceUID,
    seriesInstanceUID,
    model: FIXTURE_MODEL,
    provider: 'cpu',
    seconds: 0.1,
    findings,
    measurements: [],
    outputs: [],
    warnings: [],
    createdAt: at,
  };
  createAnalysisStore(db).save(result, []);
  return result;
}
