// One WebGL context for every viewport on screen (vtk.js child render windows, as in its
// ManyRenderWindows example): a root vtkOpenGLRenderWindow whose canvas is never attached owns
// the context, the shader cache and the graphics resources; each viewport is a child render
// window that draws with the root's context and copies its pixels into its own 2-D canvas.
// Textures are cached per data array on the root, so the axial, coronal, sagittal and 3-D views
// of one volume sample ONE 3-D texture instead of one per context (four copies of the voxels in
// the GPU process, or in RAM under SwiftShader). Reference-counted: the context is created with
// the first viewport and lost explicitly after the last (Chromium keeps at most 16 contexts); the
// loss waits one task, so a layout change (all cells unmount, then mount) keeps the context.
import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Volume';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';

type VtkRenderWindow = ReturnType<typeof vtkRenderWindow.newInstance>;
type VtkOpenGLRenderWindow = ReturnType<typeof vtkOpenGLRenderWindow.newInstance>;

export interface SharedRenderContext {
  readonly root: VtkRenderWindow;
  readonly rootView: VtkOpenGLRenderWindow;
  /** Drops one viewport's hold; the last one deletes the root and loses its context. */
  release(): void;
}

interface Shared {
  root: VtkRenderWindow;
  rootView: VtkOpenGLRenderWindow;
  users: number;
  closing: ReturnType<typeof setTimeout> | null;
}

let current: Shared | null = null;

function close(shared: Shared): void {
  if (current === shared) current = null;
  const canvas = shared.rootView.getCanvas();
  shared.rootView.delete();
  shared.root.delete();
  // vtk.js's delete() frees its GL objects but not the context itself.
  canvas?.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
}

export function acquireSharedRenderContext(): SharedRenderContext {
  if (!current) {
    const root = vtkRenderWindow.newInstance();
    const rootView = vtkOpenGLRenderWindow.newInstance();
    root.addView(rootView);
    // The root must own its context before a child renders (children only get a 2-D context).
    rootView.initialize();
    current = { root, rootView, users: 0, closing: null };
  }
  const shared = current;
  if (shared.closing) clearTimeout(shared.closing);
  shared.closing = null;
  shared.users += 1;
  let released = false;
  return {
    root: shared.root,
    rootView: shared.rootView,
    release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      shared.closing = setTimeout(() => {
        shared.closing = null;
        if (shared.users === 0) close(shared);
      }, 0);
    },
  };
}
