// The reading viewer: loads the study, hangs it by protocol (hanging-protocols.ts), lays out
// viewports (layouts.ts), and hands the engine the DOM elements to render into. React state
// holds only plain data (which series in which cell, the layout); vtk.js lives in the engine.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { StudyDetail } from '../../../electron/shared/studies';
import { call, useClient } from '../app/client-context';
import { errorStore } from '../app/error-store';
import { useI18n } from '../i18n/i18n-context';
import { chooseHangingProtocol } from './engine/hanging-protocols';
import { type LayoutId, layoutById, nextLayout } from './engine/layouts';
import { ViewerEngine } from './engine/viewer-engine';
import { type LoadedVolume, VolumeLoader } from './engine/volume-loader';
import { defaultVolumePreset, type VolumePreset } from './engine/volume-presets';
import { CT_WINDOW_PRESETS, fullRangeWindow, presetsFor, type WindowLevel } from './engine/window-presets';
import { AiPanel } from './ai-overlays/ai-panel';
import { ReviewPanel } from '../review/review-panel';
import { MeasurementsPanel } from './measurements-panel';
import { SeriesStrip } from './series-strip';
import { useViewerShortcuts } from './use-viewer-shortcuts';
import { ViewerToolbar } from './viewer-toolbar';
import { ViewportView } from './viewport-view';
import './viewer.css';

function initialWindow(modality: string, protocolWindow: string, volume: LoadedVolume): WindowLevel {
  const ct = CT_WINDOW_PRESETS.find((p) => p.id === protocolWindow);
  if (modality === 'CT' && ct) return { center: ct.center, width: ct.width };
  const header = volume.description.windowPresets[0];
  return header ? { center: header.center, width: header.width } : fullRangeWindow(volume.description);
}

export function ViewerPage({ studyInstanceUID }: { studyInstanceUID: string | null }) {
  const { t } = useI18n();
  const client = useClient();
  const [engine] = useState(() => new ViewerEngine());
  const loader = useMemo(() => new VolumeLoader(client), [client]);
  const [study, setStudy] = useState<StudyDetail | null>(null);
  const [layout, setLayout] = useState<LayoutId>('1x1');
  const [cells, setCells] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<ReadonlyMap<string, LoadedVolume>>(new Map());
  /** Every volume of each loaded series (a 4-D series has several; `loaded` holds the one shown). */
  const [volumeLists, setVolumeLists] = useState<ReadonlyMap<string, readonly LoadedVolume[]>>(new Map());
  const [window, setWindow] = useState<WindowLevel>({ center: 40, width: 400 });
  const [volumePreset, setVolumePreset] = useState<VolumePreset['id']>('ct-bone');
  const [protocolWindow, setProtocolWindow] = useState('dicom');
  const layoutBefore3d = useRef<LayoutId>('mpr');
  useSyncExternalStore(
    useCallback((l: () => void) => engine.subscribeEngine(l), [engine]),
    () => engine.version,
  );
  useEffect(() => () => engine.dispose(), [engine]);
  useEffect(() => () => loader.clear(), [loader]);

  const loadSeries = useCallback(
    async (uid: string): Promise<LoadedVolume | null> => {
      try {
        const volumes = await loader.load(uid);
        const [first] = volumes;
        if (!first) return null;
        setVolumeLists((m) => new Map(m).set(uid, volumes));
        setLoaded((m) => (m.has(uid) ? m : new Map(m).set(uid, first)));
        return first;
      } catch (error) {
        const e = error as { code?: string; message?: string };
        errorStore.push({ code: (e.code as 'IO_ERROR') ?? 'IO_ERROR', message: e.message ?? String(error) }, 'volumes:describe');
        return null;
      }
    },
    [loader],
  );

  useEffect(() => {
    if (!studyInstanceUID) return;
    engine.startStudy();
    let cancelled = false;
    void (async () => {
      const detail = await call(client, 'studies:get', { studyInstanceUID });
      if (cancelled || !detail) return;
      setStudy(detail);
      const choice = chooseHangingProtocol(detail);
      if (!choice.series) return;
      const volume = await loadSeries(choice.series.seriesInstanceUID);
      if (cancelled || !volume) return;
      const modality = choice.series.modality;
      engine.presets = presetsFor(modality, volume.description);
      setProtocolWindow(choice.protocol.window);
      setWindow(initialWindow(modality, choice.protocol.window, volume));
      setVolumePreset(defaultVolumePreset(modality));
      // MPR needs a stack: a single radiograph or a short series hangs 1×1.
      const chosen = volume.description.dimensions[2] >= 3 ? choice.protocol.layout : '1x1';
      setLayout(chosen);
      setCells(layoutById(chosen).cells.map(() => choice.series!.seriesInstanceUID));
    })();
    return () => {
      cancelled = true;
    };
  }, [client, engine, studyInstanceUID, loadSeries]);

  const definition = layoutById(layout);
  const primary = cells[0] ?? null;
  const cellSeries = definition.cells.map((_, i) => (definition.linked ? primary : (cells[i] ?? primary)));

  const hang = useCallback(
    (index: number, uid: string) => {
      void loadSeries(uid);
      setCells((current) => {
        const next = definition.cells.map((_, i) => current[i] ?? current[0] ?? uid);
        if (definition.linked) return next.map(() => uid);
        next[index] = uid;
        return next;
      });
    },
    [definition, loadSeries],
  );

  const changeLayout = useCallback((id: LayoutId) => {
    setLayout(id);
    setCells((current) => layoutById(id).cells.map((_, i) => current[i] ?? current[0] ?? ''));
  }, []);

  const modality = study?.series.find((s) => s.seriesInstanceUID === primary)?.modality ?? '';
  const resetWindow = useCallback((): WindowLevel => {
    const volume = primary ? loaded.get(primary) : undefined;
    return volume ? initialWindow(modality, protocolWindow, volume) : window;
  }, [primary, loaded, modality, protocolWindow, window]);

  /** 4-D picker: shows volume `index` of series `uid` (wrapping) in every cell that shows the series. */
  const pickVolume = useCallback(
    (uid: string, index: number) => {
      const list = volumeLists.get(uid) ?? [];
      const chosen = list[((index % list.length) + list.length) % list.length];
      if (chosen) setLoaded((m) => new Map(m).set(uid, chosen));
    },
    [volumeLists],
  );
  const stepVolume = (delta: number) => {
    const uid = cellSeries[Math.max(0, Number(engine.activeId?.split('-')[1] ?? 0))] ?? primary;
    const current = uid ? loaded.get(uid) : undefined;
    if (uid && current) pickVolume(uid, current.description.index + delta);
  };

  useViewerShortcuts(engine, {
    nextVolume: () => stepVolume(1),
    prevVolume: () => stepVolume(-1),
    nextLayout: () => changeLayout(nextLayout(layout)),
    toggle3d: () => {
      if (layout === 'mpr3d') changeLayout(layoutBefore3d.current === 'mpr3d' ? 'mpr' : layoutBefore3d.current);
      else {
        layoutBefore3d.current = layout;
        changeLayout('mpr3d');
      }
    },
    resetWindow,
  });

  if (!studyInstanceUID) {
    return (
      <main className="page" data-testid="viewer-page">
        <h1>{t('viewer.title')}</h1>
        <p className="muted">{t('viewer.noStudy')}</p>
      </main>
    );
  }

  const primaryVolume = primary ? (loaded.get(primary) ?? null) : null;
  return (
    <main className="viewer-page" data-testid="viewer-page" data-layout={layout}>
      <ViewerToolbar
        engine={engine}
        layout={layout}
        onLayout={changeLayout}
        show3d={definition.cells.includes('volume3d')}
        volumePreset={volumePreset}
        onVolumePreset={(id) => {
          setVolumePreset(id);
          engine.setVolumePreset(id);
        }}
        onReset={() => engine.reset(resetWindow())}
        warnings={primaryVolume?.description.warnings ?? []}
      />
      <div className="viewer-body">
        {study && study.series.length > 0 && (
          <SeriesStrip
            series={study.series}
            loaded={loaded}
            shown={new Set(cellSeries.filter((s): s is string => !!s))}
            window={window}
            onOpen={(uid) => hang(Math.max(0, Number(engine.activeId?.split('-')[1] ?? 0)), uid)}
          />
        )}
        {study && study.series.length === 0 && <p className="muted">{t('viewer.noSeries')}</p>}
        <div className="viewport-grid" style={{ gridTemplateColumns: `repeat(${definition.columns}, 1fr)`, gridTemplateRows: `repeat(${definition.rows}, 1fr)` }}>
          {study &&
            definition.cells.map((kind, i) => {
              const uid = cellSeries[i] ?? null;
              const id = `${layout}-${i}-${kind}`;
              return (
                <ViewportView
                  key={`${id}-${uid ?? ''}`}
                  engine={engine}
                  id={id}
                  kind={kind}
                  volume={uid ? (loaded.get(uid) ?? null) : null}
                  window={window}
                  volumePreset={volumePreset}
                  linked={definition.linked}
                  active={engine.activeId === id}
                  context={{ study, series: study.series.find((s) => s.seriesInstanceUID === uid) ?? null, modality }}
                  onDropSeries={(dropped) => hang(i, dropped)}
                  volumes={uid ? (volumeLists.get(uid) ?? []) : []}
                  onPickVolume={(index) => uid && pickVolume(uid, index)}
                />
              );
            })}
        </div>
        {study && <MeasurementsPanel engine={engine} seriesInstanceUID={primary} />}
        {study && <AiPanel engine={engine} studyInstanceUID={study.studyInstanceUID} seriesInstanceUID={primary} />}
        {study && <ReviewPanel studyInstanceUID={study.studyInstanceUID} seriesInstanceUID={primary} engine={engine} onJump={(p) => engine.setCrosshair(p)} />}
      </div>
    </main>
  );
}
