// Drops in the desktop window become imports by path. The DOM window and Electron's webUtils
// cannot exist here (no Electron binary); a recording event target and a path function stand in.
import { describe, expect, it, vi } from 'vitest';
import { type DropEventLike, installDropImport } from '../../../electron/main/preload-drop';

function recordingTarget() {
  const listeners = new Map<string, { listener: (e: DropEventLike) => void; capture: boolean }>();
  return {
    target: {
      addEventListener: (type: 'dragover' | 'drop', listener: (e: DropEventLike) => void, options?: { capture: boolean }) =>
        listeners.set(type, { listener, capture: options?.capture ?? false }),
    },
    listeners,
  };
}

const event = (files: unknown[] | null) => ({
  preventDefault: vi.fn(),
  stopPropagation: vi.fn(),
  dataTransfer: files ? { files } : null,
});

describe('drop import in the preload', () => {
  it('imports the dropped files by path and keeps the drop from the page', () => {
    const { target, listeners } = recordingTarget();
    const startImport = vi.fn(async () => ({ ok: true }));
    installDropImport(target, (file) => `/cd/${String(file)}`, startImport);
    expect(listeners.get('drop')?.capture).toBe(true);
    const drop = event(['DICOMDIR', 'IM0001']);
    listeners.get('drop')!.listener(drop);
    expect(drop.preventDefault).toHaveBeenCalled();
    expect(drop.stopPropagation).toHaveBeenCalled();
    expect(startImport).toHaveBeenCalledWith(['/cd/DICOMDIR', '/cd/IM0001']);
  });

  it('allows dropping (dragover) and ignores drops without files or paths', () => {
    const { target, listeners } = recordingTarget();
    const startImport = vi.fn(async () => ({}));
    installDropImport(target, () => '', startImport);
    const over = event([]);
    listeners.get('dragover')!.listener(over);
    expect(over.preventDefault).toHaveBeenCalled();
    listeners.get('drop')!.listener(event(null));
    listeners.get('drop')!.listener(event(['text-snippet']));
    expect(startImport).not.toHaveBeenCalled();
  });
});
