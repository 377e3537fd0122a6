// The facts eligibility needs, read from the series table the importer fills (no file is opened).
// `isVolume` is approximated from the catalogue (at least 3 images with an Image Orientation
// (Patient) (0020,0037)); the volume assembler decides for real when the job runs and fails the
// job with NOT_A_VOLUME if the stack is not one. Diffusion b-values are not catalogued: the job
// service reads them from the stored files when a model needs them (series-b-values.ts).
import type { JobPriority } from '../../../shared/ai-jobs';
import type { Database } from '../../store/database';
import type { SeriesFacts } from '../models/model-eligibility';

interface SeriesRow {
  series_instance_uid: string;
  modality: string;
  body_part: string;
  series_description: string;
  slice_thickness: number | null;
  rows: number | null;
  columns: number | null;
  number_of_instances: number;
  image_orientation: string | null;
}

export function seriesStudy(db: Database, seriesInstanceUID: string): { studyInstanceUID: string; priority: JobPriority } | null {
  const row = db
    .prepare('SELECT st.study_instance_uid AS uid, st.priority AS priority FROM series s JOIN studies st ON st.id = s.study_ref WHERE s.series_instance_uid = ?')
    .get(seriesInstanceUID) as { uid: string; priority: JobPriority } | undefined;
  return row ? { studyInstanceUID: row.uid, priority: row.priority } : null;
}

export function seriesFacts(db: Database): Array<SeriesFacts & { seriesInstanceUID: string }> {
  const rows = db
    .prepare(
      `SELECT series_instance_uid, modality, body_part, series_description, slice_thickness, rows, columns, number_of_instances, image_orientation
       FROM series ORDER BY id`,
    )
    .all() as SeriesRow[];
  return rows.map((r) => ({
    seriesInstanceUID: r.series_instance_uid,
    modality: r.modality,
    bodyPart: r.body_part,
    description: r.series_description,
    sliceThicknessMm: r.slice_thickness,
    columns: r.columns ?? 0,
    rows: r.rows ?? 0,
    slices: r.number_of_instances,
    isVolume: r.number_of_instances >= 3 && r.image_orientation !== null,
    bValues: [],
  }));
}
