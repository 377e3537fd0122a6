// Binds every viewer shortcut (shortcut-definitions.ts, scope 'viewer') to the engine while the
// viewer is mounted.
import { useMemo, useRef } from 'react';
import { useShortcut } from '../shortcuts/shortcut-context';
import type { ShortcutId } from '../shortcuts/shortcut-definitions';
import type { ViewerEngine } from './engine/viewer-engine';
import type { WindowLevel } from './engine/window-presets';

/** One key press turns the MPR planes by 5°. */
const TURN_STEP = (5 * Math.PI) / 180;

export interface PageActions {
  nextLayout(): void;
  toggle3d(): void;
  resetWindow(): WindowLevel;
  /** 4-D series: the next or previous volume (b-value, direction, phase, echo) in the active view. */
  nextVolume(): void;
  prevVolume(): void;
}

export function useViewerShortcuts(engine: ViewerEngine, page: PageActions): void {
  const pageRef = useRef(page);
  pageRef.current = page;
  const table = useMemo(() => buildTable(engine, () => pageRef.current), [engine]);
  // A fixed-length table: the hooks below run in the same order on every render.
  for (const [id, action] of table) useShortcut(id, action);
}

function buildTable(engine: ViewerEngine, page: () => PageActions) {
  const bind = (id: ShortcutId, action: () => void) => [id, action] as const;
  return [
    bind('viewer.prevSlice', () => engine.scroll(-1)),
    bind('viewer.nextSlice', () => engine.scroll(1)),
    bind('viewer.pageUp', () => engine.scroll(-10)),
    bind('viewer.pageDown', () => engine.scroll(10)),
    bind('viewer.firstSlice', () => engine.scrollTo('first')),
    bind('viewer.lastSlice', () => engine.scrollTo('last')),
    bind('viewer.preset1', () => engine.applyPreset(0)),
    bind('viewer.preset2', () => engine.applyPreset(1)),
    bind('viewer.preset3', () => engine.applyPreset(2)),
    bind('viewer.preset4', () => engine.applyPreset(3)),
    bind('viewer.preset5', () => engine.applyPreset(4)),
    bind('viewer.preset6', () => engine.applyPreset(5)),
    bind('viewer.preset7', () => engine.applyPreset(6)),
    bind('viewer.fit', () => engine.fit()),
    bind('viewer.oneToOne', () => engine.oneToOne()),
    bind('viewer.invert', () => engine.invert()),
    bind('viewer.rotateRight', () => engine.rotate(1)),
    bind('viewer.rotateLeft', () => engine.rotate(-1)),
    bind('viewer.flipHorizontal', () => engine.flip('horizontal')),
    bind('viewer.flipVertical', () => engine.flip('vertical')),
    bind('viewer.cine', () => engine.toggleCine()),
    bind('viewer.reset', () => engine.reset(page().resetWindow())),
    bind('viewer.toolCrosshair', () => engine.setTool('crosshair')),
    bind('viewer.toolWindowLevel', () => engine.setTool('windowLevel')),
    bind('viewer.toolPan', () => engine.setTool('pan')),
    bind('viewer.toolZoom', () => engine.setTool('zoom')),
    bind('viewer.toolLength', () => engine.setTool('length')),
    bind('viewer.toolRectangle', () => engine.setTool('rectangle')),
    bind('viewer.toolEllipse', () => engine.setTool('ellipse')),
    bind('viewer.toolDrawFinding', () => engine.setTool('finding')),
    bind('viewer.toolAngle', () => engine.setTool('angle')),
    bind('viewer.clearMeasurements', () => engine.marks.clearMeasurements()),
    bind('viewer.nextLayout', () => page().nextLayout()),
    bind('viewer.toggle3d', () => page().toggle3d()),
    bind('viewer.slabMode', () => engine.cycleSlab()),
    bind('viewer.slabThicker', () => engine.changeSlabThickness(2)),
    bind('viewer.slabThinner', () => engine.changeSlabThickness(-2)),
    bind('viewer.turnPlanesLeft', () => engine.turnPlanes(TURN_STEP)),
    bind('viewer.turnPlanesRight', () => engine.turnPlanes(-TURN_STEP)),
    bind('viewer.linkSeries', () => engine.toggleSeriesLink()),
    bind('viewer.nextVolume', () => page().nextVolume()),
    bind('viewer.prevVolume', () => page().prevVolume()),
  ] as const;
}
