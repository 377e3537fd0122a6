// One cell of the layout: a div the engine renders into (its own render window), and the
// overlay. Mounting and unmounting the engine viewport is all React does with vtk.js.
import { type DragEvent, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { ViewKind } from './engine/layouts';
import type { ViewerEngine } from './engine/viewer-engine';
import type { LoadedVolume } from './engine/volume-loader';
import type { VolumePreset } from './engine/volume-presets';
import type { WindowLevel } from './engine/window-presets';
import { type OverlayContext, ViewportOverlay } from './viewport-overlay';

export const SERIES_DRAG_TYPE = 'application/x-yingdu-series';

interface Props {
  engine: ViewerEngine;
  id: string;
  kind: ViewKind;
  volume: LoadedVolume | null;
  window: WindowLevel;
  volumePreset: VolumePreset['id'];
  linked: boolean;
  active: boolean;
  context: OverlayContext;
  onDropSeries(seriesInstanceUID: string): void;
  /** Every volume of the series shown; a picker appears when there are several (4-D). */
  volumes: readonly LoadedVolume[];
  onPickVolume(index: number): void;
}

export function ViewportView({ engine, id, kind, volume, window, volumePreset, linked, active, context, onDropSeries, volumes, onPickVolume }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  // The initial window and preset only matter at mount; later changes go through the engine.
  const initial = useRef({ window, volumePreset });

  useEffect(() => {
    const element = container.current;
    if (!element || !volume) return;
    if (kind === 'volume3d') engine.mountVolume(id, element, volume, initial.current.volumePreset);
    else engine.mountSlice(id, element, volume, kind, initial.current.window, linked);
    return () => engine.unmount(id);
  }, [engine, id, kind, volume, linked]);

  const snap = useSyncExternalStore(
    useCallback((listener: () => void) => engine.subscribe(id, listener), [engine, id]),
    () => engine.snapshot(id),
  );

  const onDrop = (event: DragEvent) => {
    const uid = event.dataTransfer.getData(SERIES_DRAG_TYPE);
    if (uid) {
      event.preventDefault();
      onDropSeries(uid);
    }
  };

  return (
    <div
      className={`viewport${active ? ' active' : ''}`}
      data-testid={`viewport-${kind}`}
      data-viewport-id={id}
      onDragOver={(e) => e.dataTransfer.types.includes(SERIES_DRAG_TYPE) && e.preventDefault()}
      onDrop={onDrop}
    >
      <div className="viewport-canvas" ref={container} data-testid={`canvas-${kind}`} />
      {snap?.kind === 'slice' && <ViewportOverlay snap={snap} context={context} />}
      {snap?.kind === 'volume' && (
        <div className="viewport-overlay" aria-hidden="true">
          <div className="corner top-right">
            <div>{t('viewer.orientation.volume3d')}</div>
            {snap.downsampled && <div className="warn">{t('viewer.downsampled')}</div>}
          </div>
        </div>
      )}
      {volume && volumes.length > 1 && (
        <label className="volume-picker">
          <span>{t('viewer.volumePicker')}</span>
          <select value={volume.description.index} onChange={(e) => onPickVolume(Number(e.target.value))} data-testid="volume-picker">
            {volumes.map((v) => (
              <option key={v.description.index} value={v.description.index}>
                {v.description.index + 1}/{volumes.length} {v.description.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {!volume && <div className="viewport-empty">{t('viewer.loading')}</div>}
    </div>
  );
}
