// The viewer's toolbar: layout, tool, window preset, slab, view actions and the 3-D preset.
// Every button has a keyboard shortcut (shortcut-definitions.ts); titles name its current keys
// (the reader may have rebound them).
import { useI18n } from '../i18n/i18n-context';
import { useShortcutBindings } from '../shortcuts/shortcut-context';
import type { ShortcutId } from '../shortcuts/shortcut-definitions';
import { LAYOUTS, type LayoutId } from './engine/layouts';
import type { Tool, ViewerEngine } from './engine/viewer-engine';
import { VOLUME_PRESETS, type VolumePreset } from './engine/volume-presets';

const TOOLS: readonly { id: Tool; shortcut: ShortcutId }[] = [
  { id: 'crosshair', shortcut: 'viewer.toolCrosshair' },
  { id: 'windowLevel', shortcut: 'viewer.toolWindowLevel' },
  { id: 'pan', shortcut: 'viewer.toolPan' },
  { id: 'zoom', shortcut: 'viewer.toolZoom' },
  { id: 'length', shortcut: 'viewer.toolLength' },
  { id: 'rectangle', shortcut: 'viewer.toolRectangle' },
  { id: 'ellipse', shortcut: 'viewer.toolEllipse' },
  { id: 'angle', shortcut: 'viewer.toolAngle' },
  { id: 'finding', shortcut: 'viewer.toolDrawFinding' },
];

interface Props {
  engine: ViewerEngine;
  layout: LayoutId;
  onLayout(id: LayoutId): void;
  show3d: boolean;
  volumePreset: VolumePreset['id'];
  onVolumePreset(id: VolumePreset['id']): void;
  onReset(): void;
  warnings: readonly string[];
}

export function ViewerToolbar({ engine, layout, onLayout, show3d, volumePreset, onVolumePreset, onReset, warnings }: Props) {
  const { t } = useI18n();
  const bindings = useShortcutBindings();
  const keys = (id: ShortcutId) => bindings.keysOf(id).join(' / ');
  return (
    <div className="viewer-toolbar" role="toolbar" data-testid="viewer-toolbar">
      <div className="group" aria-label={t('viewer.layout')}>
        {LAYOUTS.map((l) => (
          <button type="button" key={l.id} aria-pressed={layout === l.id} onClick={() => onLayout(l.id)} data-testid={`layout-${l.id}`}>
            {t(l.name)}
          </button>
        ))}
      </div>
      <div className="group">
        {TOOLS.map((tool) => (
          <button type="button" key={tool.id} aria-pressed={engine.tool === tool.id} title={keys(tool.shortcut)} onClick={() => engine.setTool(tool.id)} data-testid={`tool-${tool.id}`}>
            {t(`viewer.tool.${tool.id}`)}
          </button>
        ))}
      </div>
      <div className="group">
        <select aria-label={t('viewer.windowPreset')} value="" onChange={(e) => e.target.value && engine.applyPreset(Number(e.target.value))} data-testid="window-preset">
          <option value="">{t('viewer.windowPreset')}</option>
          {engine.presets.map((p, i) => (
            <option key={p.id} value={i}>
              {i + 1}. {p.name ? t(p.name) : p.label} ({p.width}/{p.center})
            </option>
          ))}
        </select>
        <button type="button" title={keys('viewer.slabMode')} onClick={() => engine.cycleSlab()}>
          {t('viewer.slab.mip')}
        </button>
      </div>
      <div className="group">
        <button type="button" title={keys('viewer.fit')} onClick={() => engine.fit()}>{t('viewer.fit')}</button>
        <button type="button" title={keys('viewer.oneToOne')} onClick={() => engine.oneToOne()}>{t('viewer.oneToOne')}</button>
        <button type="button" title={keys('viewer.invert')} onClick={() => engine.invert()}>{t('viewer.invert')}</button>
        <button type="button" title={keys('viewer.rotateRight')} onClick={() => engine.rotate(1)}>{t('viewer.rotate')}</button>
        <button type="button" title={keys('viewer.flipHorizontal')} onClick={() => engine.flip('horizontal')}>{t('viewer.flipH')}</button>
        <button type="button" title={keys('viewer.flipVertical')} onClick={() => engine.flip('vertical')}>{t('viewer.flipV')}</button>
        <button type="button" title={keys('viewer.cine')} aria-pressed={engine.cineRunning} data-testid="cine" onClick={() => engine.toggleCine()}>{t('viewer.cine')}</button>
        <button type="button" title={keys('viewer.linkSeries')} aria-pressed={engine.seriesLinked} onClick={() => engine.toggleSeriesLink()} data-testid="link-series">
          {t('viewer.linkSeries')}
        </button>
        <button type="button" title={keys('viewer.reset')} onClick={onReset}>{t('viewer.reset')}</button>
        <button type="button" title={keys('viewer.clearMeasurements')} onClick={() => engine.marks.clearMeasurements()}>{t('viewer.clearMeasurements')}</button>
      </div>
      {show3d && (
        <div className="group">
          <select aria-label={t('viewer.volumePreset')} value={volumePreset} onChange={(e) => onVolumePreset(e.target.value as VolumePreset['id'])} data-testid="volume-preset">
            {VOLUME_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {t(p.name)}
              </option>
            ))}
          </select>
        </div>
      )}
      <span className="spacer" />
      {warnings.length > 0 && (
        <span className="volume-warning" title={warnings.join('\n')} data-testid="volume-warnings">
          ⚠ {t('viewer.warnings')} ({warnings.length})
        </span>
      )}
    </div>
  );
}
