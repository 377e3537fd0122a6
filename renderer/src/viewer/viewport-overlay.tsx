// The thin overlay of a 2-D viewport: four text corners, orientation markers on the edges,
// the MPR crosshair and measurements as SVG. Pointer events pass through to the canvas.
import type { StudyDetail, SeriesSummary } from '../../../electron/shared/studies';
import { useI18n } from '../i18n/i18n-context';
import type { SliceSnapshot } from './engine/viewport-snapshot';

const CROSSHAIR_COLORS: Record<string, string> = { axial: '#e0b341', coronal: '#4fa3ff', sagittal: '#3fb97f', stack: '#e0b341' };

function fmt(value: number, digits = 0): string {
  return value.toFixed(digits).replace(/^-0(\.0+)?$/, '0');
}

export interface OverlayContext {
  study: StudyDetail;
  series: SeriesSummary | null;
  modality: string;
}

export function ViewportOverlay({ snap, context }: { snap: SliceSnapshot; context: OverlayContext }) {
  const { t } = useI18n();
  const { study, series } = context;
  const unit = context.modality === 'CT' ? 'HU' : '';
  const slabName = snap.slab === 'none' ? '' : ` ${t(`viewer.slab.${snap.slab}`)}`;
  return (
    <div className="viewport-overlay" aria-hidden="true">
      <div className="corner top-left">
        <div className="strong">{study.patientName}</div>
        <div>{study.patientID}</div>
        <div>{[study.patientSex, study.patientBirthDate].filter(Boolean).join(' ')}</div>
      </div>
      <div className="corner top-right">
        <div>{[study.studyDate, study.studyDescription].filter(Boolean).join(' ')}</div>
        <div>{series ? `${series.modality} #${series.seriesNumber ?? ''} ${series.seriesDescription}` : ''}</div>
        <div data-testid="overlay-orientation">
          {t(`viewer.orientation.${snap.orientation}`)}
          {snap.oblique ? ` · ${t('viewer.oblique')}` : ''}
        </div>
      </div>
      <div className="corner bottom-left">
        <div data-testid="overlay-slice">
          {t('viewer.slice')}: {snap.sliceIndex}/{snap.sliceCount}
        </div>
        <div>
          {t('viewer.position')}: {fmt(snap.position, 1)} mm ·{' '}
          <span data-testid="overlay-thickness">
            {t('viewer.thickness')}: {fmt(snap.thickness, 2)} mm{slabName}
          </span>
        </div>
        <div data-testid="overlay-probe">
          {snap.probe && snap.probe.value !== null ? `${t('viewer.value')}: ${fmt(snap.probe.value)} ${unit}` : '\u00a0'}
        </div>
      </div>
      <div className="corner bottom-right">
        <div data-testid="overlay-wl">
          W: {fmt(snap.window.width)} L: {fmt(snap.window.center)}
        </div>
        <div data-testid="overlay-zoom">
          {t('viewer.zoom')}: {fmt(snap.zoomPercent)}%{snap.invert ? ` · ${t('viewer.inverted')}` : ''}
        </div>
      </div>
      <div className="marker left" data-testid="marker-left">{snap.markers.left}</div>
      <div className="marker right" data-testid="marker-right">{snap.markers.right}</div>
      <div className="marker top" data-testid="marker-top">{snap.markers.top}</div>
      <div className="marker bottom" data-testid="marker-bottom">{snap.markers.bottom}</div>
      <svg className="overlay-svg" width={snap.width} height={snap.height}>
        {snap.crosshair && (
          <g strokeWidth={1} opacity={0.7} data-testid="crosshair">
            {snap.planeLines.map((l) => {
              // Long enough to cross the whole viewport from any crosshair position.
              const reach = snap.width + snap.height;
              const c = snap.crosshair!;
              return (
                <line
                  key={l.orientation}
                  stroke={CROSSHAIR_COLORS[l.orientation] ?? '#e0b341'}
                  data-testid={`plane-line-${l.orientation}`}
                  data-angle={((Math.atan2(-l.dy, l.dx) * 180) / Math.PI).toFixed(2)}
                  x1={c.x - l.dx * reach}
                  y1={c.y - l.dy * reach}
                  x2={c.x + l.dx * reach}
                  y2={c.y + l.dy * reach}
                />
              );
            })}
          </g>
        )}
        {snap.measurements.map((m) => (
          <g key={m.id} className="measurement">
            <line x1={m.x1} y1={m.y1} x2={m.x2} y2={m.y2} />
            <circle cx={m.x1} cy={m.y1} r={2.5} />
            <circle cx={m.x2} cy={m.y2} r={2.5} />
            <text x={m.x2 + 6} y={m.y2 - 6} data-testid="measurement-label" data-mm={m.mm.toFixed(3)}>
              {m.label}
            </text>
          </g>
        ))}
        {snap.angles.map((a) => (
          <g key={`angle-${a.id}`} className="measurement" data-testid="angle">
            <polyline points={a.points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" />
            {a.points[1] && (
              <text x={a.points[1].x + 6} y={a.points[1].y - 6} data-testid="angle-label" data-degrees={a.degrees?.toFixed(3) ?? ''}>
                {a.label}
              </text>
            )}
          </g>
        ))}
        {snap.rois.map((r) => (
          <g key={`roi-${r.id}`} className="measurement" data-testid="roi">
            <polygon points={r.points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" />
            <text x={(r.points[0]?.x ?? 0) + 6} y={(r.points[0]?.y ?? 0) - 6} data-testid="roi-label" data-mean={r.mean?.toFixed(3) ?? ''}>
              {r.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
