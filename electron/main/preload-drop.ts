// Drag-and-drop import in the desktop window. A sandboxed page cannot learn a dropped file's
// path (File.path is gone since Electron 32), and the upload route exists only on the web host,
// so the preload — which shares the DOM, not JavaScript, with the page — listens for drops,
// resolves the paths with webUtils and starts the import itself. The page still sees only
// `invoke` and `on`; the import reports itself through the `import:*` events as any other.
// Kept free of the `electron` import so it can be unit-tested.

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DropEventLike) => void, options?: { capture: boolean }): void;
}

export interface DropEventLike {
  preventDefault(): void;
  stopPropagation(): void;
  dataTransfer: { files: ArrayLike<unknown> } | null;
}

export function installDropImport(
  target: DropTarget,
  pathForFile: (file: unknown) => string,
  startImport: (paths: string[]) => Promise<unknown>,
): void {
  target.addEventListener('dragover', (event) => event.preventDefault(), { capture: true });
  target.addEventListener(
    'drop',
    (event) => {
      event.preventDefault();
      event.stopPropagation();
      const files = Array.from(event.dataTransfer?.files ?? []);
      const paths = files.map((file) => pathForFile(file)).filter((p) => typeof p === 'string' && p.length > 0);
      if (paths.length > 0) void startImport(paths);
    },
    { capture: true },
  );
}
