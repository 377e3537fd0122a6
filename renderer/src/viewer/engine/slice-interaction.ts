// Mouse interaction of a 2-D viewport, bound to its container by the engine (not by React):
// wheel scrolls slices (Ctrl+wheel zooms), right-drag sets window/level, middle-drag pans, and
// left-drag runs the current tool (crosshair, window/level, pan, zoom, length). With the
// crosshair tool, grabbing a crosshair line away from its centre turns the MPR planes (oblique).
// Review editing (ai-overlays/finding-editor.ts): a left press on the handles or inside the box
// of the finding selected for editing moves/resizes that box whatever the tool; the 'finding'
// tool drags out a missed finding (an ellipse, a rectangle with Shift). Escape cancels either.
import { angleChange, distanceToLine, screenAngle } from './oblique-planes';
import { rightOf, screenToWorld } from './slice-geometry';
import { type Vec3, add, scale } from './vec3';
import type { ViewerEngine } from './viewer-engine';
import type { BoxHandle } from '../ai-overlays/finding-box-edit';

type Drag =
  | { kind: 'windowLevel' | 'pan' | 'zoom'; x: number; y: number }
  | { kind: 'crosshair' }
  | { kind: 'turn'; angle: number }
  | { kind: 'length'; measurement: number }
  | { kind: 'rectangle'; measurement: number; start: Vec3 }
  | { kind: 'findingBox' }
  | { kind: 'findingSketch' };

/** A press this close (px) to a plane line grabs it for turning… */
const LINE_GRAB_PX = 6;
/** …unless it is this close to the centre, where it moves the crosshair instead. */
const CENTER_PX = 24;

/** The screen angle of a press that grabs a crosshair line, or null. */
function grabbedLine(engine: ViewerEngine, id: string, p: { x: number; y: number }): number | null {
  const snap = engine.snapshot(id);
  if (snap?.kind !== 'slice' || !snap.crosshair) return null;
  const c = snap.crosshair;
  if (Math.hypot(p.x - c.x, p.y - c.y) < CENTER_PX) return null;
  return snap.planeLines.some((l) => distanceToLine(p, c, l) <= LINE_GRAB_PX) ? screenAngle(p, c) : null;
}

function local(container: HTMLElement, event: MouseEvent): { x: number; y: number } {
  const rect = container.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

/** Returns the function that removes every listener it added. */
/** The CSS cursor over a part of the box being edited. */
function cursorOf(handle: BoxHandle | null): string {
  if (!handle) return '';
  if (handle.kind === 'move') return 'move';
  if (handle.x === 0) return 'ns-resize';
  if (handle.y === 0) return 'ew-resize';
  return handle.x === handle.y ? 'nwse-resize' : 'nesw-resize';
}

export function attachSliceInteraction(engine: ViewerEngine, id: string, container: HTMLElement): () => void {
  let drag: Drag | null = null;
  const editor = engine.ai.editor;

  /** Escape during a box drag or a drawing puts things back; the listener lives only as long as the drag. */
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    editor.cancel();
    drag = null;
    window.removeEventListener('keydown', onKeyDown, true);
  };

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const view = engine.slice(id);
    if (!view) return;
    engine.activate(id);
    if (event.ctrlKey) engine.zoom(id, view.view.mmPerPixel * Math.exp(event.deltaY * 0.002));
    else engine.scroll(event.deltaY > 0 ? 1 : -1, id);
  };

  const onPointerDown = (event: PointerEvent) => {
    const view = engine.slice(id);
    if (!view) return;
    engine.activate(id);
    container.setPointerCapture(event.pointerId);
    const p = local(container, event);
    if (event.button === 2) drag = { kind: 'windowLevel', ...p };
    else if (event.button === 1) drag = { kind: 'pan', ...p };
    else if (event.button === 0 && editor.grab(view, p)) drag = { kind: 'findingBox' };
    else if (event.button === 0 && engine.tool === 'finding') drag = editor.startSketch(view, p, event.shiftKey ? 'box' : 'ellipse') ? { kind: 'findingSketch' } : null;
    else if (event.button === 0) {
      const tool = engine.tool;
      const grabbed = tool === 'crosshair' ? grabbedLine(engine, id, p) : null;
      if (grabbed !== null) drag = { kind: 'turn', angle: grabbed };
      else if (tool === 'crosshair') {
        engine.crosshairAt(id, p.x, p.y);
        drag = { kind: 'crosshair' };
      } else if (tool === 'length') {
        const start = screenToWorld(view.mapping(), p.x, p.y);
        const m = engine.marks.addLength(id, start, start);
        drag = m ? { kind: 'length', measurement: m.id } : null;
      } else if (tool === 'angle') {
        engine.marks.angleClick(id, screenToWorld(view.mapping(), p.x, p.y));
      } else if (tool === 'rectangle' || tool === 'ellipse') {
        const start = screenToWorld(view.mapping(), p.x, p.y);
        const m = engine.marks.addRectangle(id, start, tool);
        drag = m ? { kind: 'rectangle', measurement: m.id, start } : null;
      } else if (tool !== 'finding') drag = { kind: tool, ...p };
    }
    if (drag?.kind === 'findingBox' || drag?.kind === 'findingSketch') window.addEventListener('keydown', onKeyDown, true);
    event.preventDefault();
  };

  const onPointerMove = (event: PointerEvent) => {
    const view = engine.slice(id);
    if (!view) return;
    const p = local(container, event);
    engine.setPointer(id, p);
    if (engine.tool === 'angle') engine.marks.angleMove(screenToWorld(view.mapping(), p.x, p.y));
    if (!drag) container.style.cursor = cursorOf(editor.hit(view, p));
    if (!drag) return;
    if (drag.kind === 'findingBox') {
      editor.dragTo(p);
      return;
    }
    if (drag.kind === 'findingSketch') {
      editor.sketchTo(p);
      return;
    }
    if (drag.kind === 'crosshair') {
      engine.crosshairAt(id, p.x, p.y);
      return;
    }
    if (drag.kind === 'turn') {
      const snap = engine.snapshot(id);
      if (snap?.kind !== 'slice' || !snap.crosshair) return;
      const angle = screenAngle(p, snap.crosshair);
      engine.turnPlanes(angleChange(drag.angle, angle), id);
      drag.angle = angle;
      return;
    }
    if (drag.kind === 'length') {
      engine.marks.updateLength(drag.measurement, screenToWorld(view.mapping(), p.x, p.y));
      return;
    }
    if (drag.kind === 'rectangle') {
      engine.marks.updateRectangle(id, drag.measurement, drag.start, screenToWorld(view.mapping(), p.x, p.y));
      return;
    }
    const dx = p.x - drag.x;
    const dy = p.y - drag.y;
    drag.x = p.x;
    drag.y = p.y;
    const s = view.view;
    if (drag.kind === 'windowLevel') {
      // Sensitivity grows with the width so narrow (brain) and wide (lung) windows both feel right.
      const k = Math.max(0.5, s.window.width / 300);
      engine.setWindow({ width: Math.max(1, s.window.width + dx * k), center: s.window.center + dy * k }, id);
    } else if (drag.kind === 'pan') {
      const frame = view.frame;
      const move = add(scale(rightOf(frame), -dx * s.mmPerPixel), scale(frame.up, dy * s.mmPerPixel));
      view.update({ center: add(s.center, move) });
    } else {
      engine.zoom(id, s.mmPerPixel * Math.exp(dy * 0.01));
    }
  };

  const onPointerUp = (event: PointerEvent) => {
    if (container.hasPointerCapture(event.pointerId)) container.releasePointerCapture(event.pointerId);
    if (drag?.kind === 'rectangle') engine.marks.finishRectangle(drag.measurement);
    if (drag?.kind === 'findingBox') editor.release();
    if (drag?.kind === 'findingSketch') editor.finishSketch();
    window.removeEventListener('keydown', onKeyDown, true);
    drag = null;
  };
  const onLeave = () => engine.setPointer(id, null);
  const onContextMenu = (event: MouseEvent) => event.preventDefault();

  container.addEventListener('wheel', onWheel, { passive: false });
  container.addEventListener('pointerdown', onPointerDown);
  container.addEventListener('pointermove', onPointerMove);
  container.addEventListener('pointerup', onPointerUp);
  container.addEventListener('pointercancel', onPointerUp);
  container.addEventListener('pointerleave', onLeave);
  container.addEventListener('contextmenu', onContextMenu);
  return () => {
    container.removeEventListener('wheel', onWheel);
    container.removeEventListener('pointerdown', onPointerDown);
    container.removeEventListener('pointermove', onPointerMove);
    container.removeEventListener('pointerup', onPointerUp);
    container.removeEventListener('pointercancel', onPointerUp);
    container.removeEventListener('pointerleave', onLeave);
    container.removeEventListener('contextmenu', onContextMenu);
    window.removeEventListener('keydown', onKeyDown, true);
  };
}
