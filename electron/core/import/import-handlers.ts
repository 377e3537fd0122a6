// The `import` domain of the handler table: `import:start` returns at once with an id, and
// the import reports itself through `import:progress` and `import:finished` (the worklist turns
// those into `studies:changed` itself: electron/core/worklist/import-relay.ts).
import type { HandlerTable } from '../../shared/handler-table';
import type { ImportService } from './import-service';

export function createImportHandlers(service: ImportService): Pick<HandlerTable, 'import:start' | 'import:cancel'> {
  return {
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
