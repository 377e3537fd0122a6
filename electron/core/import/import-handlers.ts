// The `import` domain of the handler table: `import:start` returns at once with an id, and
// the import reports itself through `import:progress` and `import:finished` (the worklist turns
// those into `studies:changed` itself: electron/core/worklist/import-relay.ts).
import type { HandlerTable } from '../../shared/handler-table';
import type { ChoosePathsMode } from '../../shared/imports';
import { AppError } from '../../shared/result';
import type { ImportService } from './import-service';

/** A host's native file dialog; only the Electron host has one. */
export type ChoosePaths = (mode: ChoosePathsMode) => Promise<string[]>;

const noNativeDialog: ChoosePaths = () =>
  Promise.reject(
    new AppError('UNAVAILABLE', 'This window has no native file dialog: use Import files / folder (upload) or type a path on the workstation.'),
  );

export function createImportHandlers(
  service: ImportService,
  choosePaths: ChoosePaths = noNativeDialog,
): Pick<HandlerTable, 'import:start' | 'import:cancel' | 'import:choosePaths'> {
  return {
    'import:choosePaths': async ({ mode }) => ({ paths: await choosePaths(mode) }),
    'import:start': ({ paths }, ctx) => {
      const { importId } = service.start(paths, {
        onProgress: (progress) => ctx.emit('import:progress', progress),
        onStudiesChanged: () => {},
        onFinished: (summary) => ctx.emit('import:finished', summary),
      });
      return { importId };
    },
    'import:cancel': ({ importId }) => ({ cancelled: service.cancel(importId) }),
  };
}
