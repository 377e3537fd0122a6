// One child render window per viewport: a vtkRenderWindow with a vtkRenderer, drawn with the
// shared WebGL context (shared-render-context.ts) and copied into a 2-D canvas in the viewport's
// div. Everything is tracked by the viewport's disposal scope; the last viewport to unmount loses
// the shared context, so unmounting leaks none. Rendering is on demand and coalesced to one frame
// per animation frame.
import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import type vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import type { DisposalScope } from './disposal-scope';
import { acquireSharedRenderContext } from './shared-render-context';

export type VtkRenderer = ReturnType<typeof vtkRenderer.newInstance>;
export type VtkRenderWindow = ReturnType<typeof vtkRenderWindow.newInstance>;
export type VtkOpenGLRenderWindow = ReturnType<typeof vtkOpenGLRenderWindow.newInstance>;

export const BACKGROUND: [number, number, number] = [0, 0, 0];

export class RenderSurface {
  readonly renderWindow: VtkRenderWindow;
  readonly renderer: VtkRenderer;
  readonly view: VtkOpenGLRenderWindow;
  /** The shared root window: owner of the WebGL context and of the textures (voxel-texture.ts). */
  readonly rootView: VtkOpenGLRenderWindow;
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
    const shared = acquireSharedRenderContext();
    // Tracked first, so the shared context is released after everything below is deleted.
    scope.track(() => shared.release());
    this.renderWindow = scope.track(vtkRenderWindow.newInstance());
    this.renderer = scope.track(vtkRenderer.newInstance({ background: BACKGROUND }));
    this.renderWindow.addRenderer(this.renderer);
    shared.root.addRenderWindow(this.renderWindow);
    this.view = shared.rootView.addMissingNode(this.renderWindow) as VtkOpenGLRenderWindow;
    this.rootView = shared.rootView;
    this.renderWindow.addView(this.view);
    // Removing the node deletes the child view and its mappers' nodes, which drop their hold on
    // the shared textures (the last holder frees a texture).
    scope.track(() => {
      shared.root.removeRenderWindow(this.renderWindow);
      shared.rootView.removeNode(this.view);
    });
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
    // The root draws every child in its own canvas first: it must be as large as the largest.
    this.rootView.resizeFromChildRenderWindows();
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
