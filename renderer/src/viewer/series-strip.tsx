// The study's series as draggable cards (drag one onto a viewport to hang it there); a series
// whose volume is loaded shows a thumbnail of its middle slice.
import { useEffect, useRef } from 'react';
import type { SeriesSummary } from '../../../electron/shared/studies';
import { useI18n } from '../i18n/i18n-context';
import type { LoadedVolume } from './engine/volume-loader';
import { storedWindow, type WindowLevel } from './engine/window-presets';
import { SERIES_DRAG_TYPE } from './viewport-view';

const THUMB = 96;

function Thumbnail({ volume, window }: { volume: LoadedVolume; window: WindowLevel }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const [nx, ny, nz] = volume.description.dimensions;
    const k = Math.floor(nz / 2);
    const { colorWindow, colorLevel } = storedWindow(window, volume.description.rescale);
    const image = ctx.createImageData(THUMB, THUMB);
    const step = Math.max(nx, ny) / THUMB;
    for (let y = 0; y < THUMB; y++)
      for (let x = 0; x < THUMB; x++) {
        const i = Math.floor(x * step);
        const j = Math.floor(y * step);
        const inside = i < nx && j < ny;
        const v = inside ? (volume.voxels[i + nx * (j + ny * k)] as number) : -Infinity;
        const g = inside ? Math.max(0, Math.min(255, ((v - colorLevel) / colorWindow + 0.5) * 255)) : 0;
        const o = (y * THUMB + x) * 4;
        image.data[o] = image.data[o + 1] = image.data[o + 2] = g;
        image.data[o + 3] = 255;
      }
    ctx.putImageData(image, 0, 0);
  }, [volume, window]);
  return <canvas ref={canvas} width={THUMB} height={THUMB} className="thumb" />;
}

interface Props {
  series: readonly SeriesSummary[];
  loaded: ReadonlyMap<string, LoadedVolume>;
  shown: ReadonlySet<string>;
  window: WindowLevel;
  onOpen(seriesInstanceUID: string): void;
}

export function SeriesStrip({ series, loaded, shown, window, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <aside className="series-strip" aria-label={t('viewer.seriesStrip')} data-testid="series-strip">
      {series.map((s) => {
        const volume = loaded.get(s.seriesInstanceUID);
        return (
          <button
            type="button"
            key={s.seriesInstanceUID}
            className={`series-card${shown.has(s.seriesInstanceUID) ? ' shown' : ''}`}
            draggable
            onDragStart={(e) => e.dataTransfer.setData(SERIES_DRAG_TYPE, s.seriesInstanceUID)}
            onDoubleClick={() => onOpen(s.seriesInstanceUID)}
            title={t('viewer.dropHint')}
            data-testid="series-card"
            data-series-uid={s.seriesInstanceUID}
          >
            {volume ? <Thumbnail volume={volume} window={window} /> : <div className="thumb placeholder">{s.modality}</div>}
            <span className="series-title">
              #{s.seriesNumber ?? '–'} {s.seriesDescription || s.modality}
            </span>
            <span className="muted">
              {s.numberOfInstances} {t('viewer.images')}
            </span>
          </button>
        );
      })}
    </aside>
  );
}
