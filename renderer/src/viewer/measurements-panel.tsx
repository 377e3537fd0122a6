// The measurements of the series on screen, as the store keeps them: listed with kind, value and
// label; a click moves the views to one, the button or Shift+Delete removes the selected one.
// New ROIs drawn in the viewer are saved here (engine.marks.onRoiFinished), so they reappear when the
// study is reopened.
import { useCallback, useEffect, useState } from 'react';
import type { MeasurementRow } from '../../../electron/shared/measurements';
import { call, useClient } from '../app/client-context';
import { useI18n } from '../i18n/i18n-context';
import { useShortcut } from '../shortcuts/shortcut-context';
import type { AngleMeasurement, RoiMeasurement } from './engine/measurements';
import { angleDegrees, formatAngle, formatArea } from './engine/roi-statistics';
import { type Vec3, cross, dot, normalize, sub } from './engine/vec3';
import type { ViewerEngine } from './engine/viewer-engine';

function toRoi(row: MeasurementRow): Omit<RoiMeasurement, 'id'> {
  const [center, axisUEnd, axisVEnd] = row.points as unknown as [Vec3, Vec3, Vec3];
  const normal = normalize(cross(sub(axisUEnd, center), sub(axisVEnd, center)));
  const v = row.values;
  const stats =
    v.mean !== undefined && v.areaMm2 !== undefined
      ? { areaMm2: v.areaMm2, mean: v.mean, sd: v.sd ?? 0, min: v.min ?? v.mean, max: v.max ?? v.mean, count: v.count ?? 0 }
      : null;
  const kind = row.kind === 'ellipse' ? 'ellipse' : 'rectangle';
  return { kind, roi: { kind, center, axisUEnd, axisVEnd }, stats, normal, position: dot(center, normal), storedId: row.id };
}

function toAngle(row: MeasurementRow): Omit<AngleMeasurement, 'id'> {
  const [a, vertex, b] = row.points as unknown as [Vec3, Vec3, Vec3];
  const normal = normalize(cross(sub(a, vertex), sub(b, vertex)));
  return { kind: 'angle', points: [a, vertex, b], normal, position: dot(vertex, normal), storedId: row.id };
}

function describe(row: MeasurementRow): string {
  const v = row.values;
  if (v.degrees !== undefined) return formatAngle(v.degrees);
  if (v.areaMm2 !== undefined && v.mean !== undefined) return `${formatArea(v.areaMm2)} · ${v.mean.toFixed(1)} ± ${(v.sd ?? 0).toFixed(1)}`;
  const first = Object.entries(v)[0];
  return first ? `${first[0]} ${first[1].toFixed(1)}` : '';
}

export function MeasurementsPanel({ engine, seriesInstanceUID }: { engine: ViewerEngine; seriesInstanceUID: string | null }) {
  const { t } = useI18n();
  const client = useClient();
  const [rows, setRows] = useState<MeasurementRow[]>([]);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    setRows([]);
    if (!seriesInstanceUID) return;
    let cancelled = false;
    void call(client, 'measurements:list', { seriesInstanceUID }).then((list) => {
      if (cancelled || !list) return;
      setRows(list);
      engine.marks.setStoredRois(list.filter((r) => (r.kind === 'rectangle' || r.kind === 'ellipse') && r.points.length === 3).map(toRoi));
      engine.marks.setStoredAngles(list.filter((r) => r.kind === 'angle' && r.points.length === 3).map(toAngle));
    });
    return () => {
      cancelled = true;
    };
  }, [client, engine, seriesInstanceUID]);

  useEffect(() => {
    if (!seriesInstanceUID) return;
    engine.marks.onRoiFinished = (m) => {
      const st = m.stats;
      if (!st) return;
      const { center, axisUEnd, axisVEnd } = m.roi;
      void call(client, 'measurements:save', {
        seriesInstanceUID,
        kind: m.kind,
        points: [center, axisUEnd, axisVEnd].map((p) => [p[0], p[1], p[2]] as [number, number, number]),
        values: { areaMm2: st.areaMm2, mean: st.mean, sd: st.sd, min: st.min, max: st.max, count: st.count },
      }).then((row) => {
        if (!row) return;
        engine.marks.markRoiStored(m.id, row.id);
        setRows((current) => [...current, row]);
      });
    };
    engine.marks.onAngleFinished = (m) => {
      const [a, vertex, b] = m.points;
      const degrees = a && vertex && b ? angleDegrees(a, vertex, b) : null;
      if (degrees === null) return;
      void call(client, 'measurements:save', {
        seriesInstanceUID,
        kind: 'angle',
        points: m.points.map((p) => [p[0], p[1], p[2]] as [number, number, number]),
        values: { degrees },
      }).then((row) => {
        if (!row) return;
        engine.marks.markAngleStored(m.id, row.id);
        setRows((current) => [...current, row]);
      });
    };
    return () => {
      engine.marks.onRoiFinished = null;
      engine.marks.onAngleFinished = null;
    };
  }, [client, engine, seriesInstanceUID]);

  const remove = useCallback(
    (id: number) => {
      void call(client, 'measurements:delete', { id }).then((done) => {
        if (!done) return;
        engine.marks.removeStoredRoi(id);
        setRows((current) => current.filter((r) => r.id !== id));
        setSelected(null);
      });
    },
    [client, engine],
  );
  const removeSelected = useCallback(() => {
    if (selected !== null) remove(selected);
  }, [remove, selected]);
  useShortcut('viewer.deleteMeasurement', removeSelected);

  return (
    <aside className="measurements-panel" data-testid="measurements-panel" aria-label={t('measurements.title')}>
      <h2>{t('measurements.title')}</h2>
      {rows.length === 0 && <p className="muted">{t('measurements.none')}</p>}
      <ul>
        {rows.map((row) => (
          <li key={row.id} data-testid="measurement-row" data-kind={row.kind} data-mean={row.values.mean?.toFixed(3) ?? ''} aria-selected={selected === row.id}>
            <button
              type="button"
              className="measurement-jump"
              onClick={() => {
                setSelected(row.id);
                if (row.kind === 'rectangle' || row.kind === 'ellipse') engine.jumpToRoi(toRoi(row).roi);
                else if (row.kind === 'angle') engine.jumpToRoi({ kind: 'ellipse', center: row.points[1]!, axisUEnd: row.points[0]!, axisVEnd: row.points[2]! });
              }}
            >
              <span className="kind">{t(`measurements.kind.${row.kind}`)}</span> {describe(row)} {row.label}
            </button>
            <button type="button" title="Shift+Delete" aria-label={t('measurements.delete')} onClick={() => remove(row.id)} data-testid="measurement-delete">
              ✕
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
