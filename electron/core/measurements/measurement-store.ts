// The measurements table (migration 0005): list, save and delete per series. Rows are returned
// with their JSON columns parsed; a damaged row is skipped rather than failing the whole list.
import type { Database } from '../store/database';
import { AppError } from '../../shared/result';
import { MEASUREMENT_KINDS, type MeasurementKind, type MeasurementRow } from '../../shared/measurements';

interface StoredRow {
  id: number;
  series_instance_uid: string;
  kind: string;
  points: string;
  values: string;
  label: string;
  created_at: string;
  updated_at: string;
}

export interface NewMeasurement {
  seriesInstanceUID: string;
  kind: MeasurementKind;
  points: [number, number, number][];
  values: Record<string, number>;
  label?: string;
}

export function createMeasurementStore(db: Database, now: () => string = () => new Date().toISOString()) {
  const columns = 'id, series_instance_uid, kind, points, "values", label, created_at, updated_at';
  const selectSeries = db.prepare<[string], StoredRow>(`SELECT ${columns} FROM measurements WHERE series_instance_uid = ? ORDER BY id`);
  const selectOne = db.prepare<[number], StoredRow>(`SELECT ${columns} FROM measurements WHERE id = ?`);
  const insert = db.prepare(
    'INSERT INTO measurements (series_instance_uid, kind, points, "values", label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM measurements WHERE id = ?');

  return {
    list(seriesInstanceUID: string): MeasurementRow[] {
      return selectSeries
        .all(seriesInstanceUID)
        .map(toRow)
        .filter((row): row is MeasurementRow => row !== null);
    },
    save(m: NewMeasurement): MeasurementRow {
      const at = now();
      const info = insert.run(m.seriesInstanceUID, m.kind, JSON.stringify(m.points), JSON.stringify(m.values), m.label ?? '', at, at);
      const row = toRow(selectOne.get(Number(info.lastInsertRowid)) as StoredRow);
      if (!row) throw new AppError('DATABASE_ERROR', 'The measurement was saved but could not be read back.');
      return row;
    },
    delete(id: number): { deleted: true } {
      if (remove.run(id).changes === 0) {
        throw new AppError('NOT_FOUND', `Measurement ${id} does not exist (it may already have been deleted).`);
      }
      return { deleted: true };
    },
  };
}

export type MeasurementStore = ReturnType<typeof createMeasurementStore>;

function toRow(stored: StoredRow): MeasurementRow | null {
  if (!(MEASUREMENT_KINDS as readonly string[]).includes(stored.kind)) return null;
  try {
    return {
      id: stored.id,
      seriesInstanceUID: stored.series_instance_uid,
      kind: stored.kind as MeasurementKind,
      points: JSON.parse(stored.points) as [number, number, number][],
      values: JSON.parse(stored.values) as Record<string, number>,
      label: stored.label,
      createdAt: stored.created_at,
      updatedAt: stored.updated_at,
    };
  } catch {
    return null;
  }
}
