// One render window per viewport: a vtkRenderWindow with a vtkRenderer and an OpenGL view
// whose canvas lives in the viewport's div. Everything is tracked by the viewport's disposal
// scope, and the WebGL context is explicitly lost on unmount, so unmounting leaks none.
// Rendering is on demand and coalesced to one frame per animation frame.
import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import type { DisposalScope } from './disposal-scope';

export type VtkRenderer = ReturnType<typeof vtkRenderer.newInstance>;
export type VtkRenderWindow = ReturnType<typeof vtkRenderWindow.newInstance>;
export type VtkOpenGLRenderWindow = ReturnType<typeof vtkOpenGLRenderWindow.newInstance>;

export const BACKGROUND: [number, number, number] = [0, 0, 0];

export class RenderSurface {
  readonly renderWindow: VtkRenderWindow;
  readonly renderer: VtkRenderer;
  readonly view: VtkOpenGLRenderWindow;
  /** Size of the container in CSS pixels. */
  width = 1;
  height = 1;
  /** Frames drawn so far; the DOM mirrors it so tests wait for a frame instead of sleeping. */
  frames = 0;
  private pending = 0;
  private readonly afterRender: (() => void)[] = [];
  private readonly beforeRender: (() => void)[] = [];

  constructor(
    readonly container: HTMLElement,
    scope: DisposalScope,
  ) {
    this.renderWindow = scope.track(vtkRenderWindow.newInstance());
    this.renderer = scope.track(vtkRenderer.newInstance({ background: BACKGROUND }));
    this.renderWindow.addRenderer(this.renderer);
    const view = vtkOpenGLRenderWindow.newInstance();
    // vtk.js's delete() releases its GL objects but not the context itself; Chromium keeps at most
    // 16 and warns before dropping the oldest. Tracked first, so it runs after view.delete().
    const canvas = view.getCanvas();
    scope.track(() => canvas?.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext());
    this.view = scope.track(view);
    this.renderWindow.addView(this.view);
    this.view.setContainer(container);
    scope.track(() => {
      if (this.pending) cancelAnimationFrame(this.pending);
      this.pending = 0;
      this.renderWindow.removeView(this.view);
      this.renderWindow.removeRenderer(this.renderer);
    });
    this.resize();
    const observer = new ResizeObserver(() => {
      this.resize();
      this.requestRender();
    });
    observer.observe(container);
    scope.track(() => observer.disconnect());
  }

  /** Called before every frame (the camera follows the viewport size). */
  onBeforeRender(listener: () => void): void {
    this.beforeRender.push(listener);
  }

  /** Called after every frame (overlays follow the camera). */
  onAfterRender(listener: () => void): void {
    this.afterRender.push(listener);
  }

  resize(): void {
    const rect = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.floor(rect.width));
    this.height = Math.max(1, Math.floor(rect.height));
    const ratio = window.devicePixelRatio || 1;
    this.view.setSize(Math.floor(this.width * ratio), Math.floor(this.height * ratio));
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.renderNow();
    });
  }

  renderNow(): void {
    for (const listener of this.beforeRender) listener();
    this.renderWindow.render();
    this.frames += 1;
    this.container.dataset.frames = String(this.frames);
    for (const listener of this.afterRender) listener();
  }
}
