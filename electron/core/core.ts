// Composes the core services for one data folder and exposes them as the handler table that
// both hosts serve. Nothing here imports Electron.
import type { HostKind } from '../shared/app-info';
import { EventBus } from '../shared/event-bus';
import { type HandlerContext, type HandlerTable, dispatchRequest } from '../shared/handler-table';
import type { Result } from '../shared/result';
import { createAppHandlers } from './app/app-handlers';
import { type DataLayout, ensureDataLayout } from './app/data-dir';
import { createImportHandlers } from './import/import-handlers';
import { ImportService } from './import/import-service';
import { InProcessParser } from './import/in-process-parser';
import { createFileLogger, describeError, type Logger } from './logging/log';
import { createPrefsHandlers } from './prefs/prefs-handlers';
import { createPreferencesStore } from './prefs/preferences-store';
import { type Database, openDatabase } from './store/database';
import { createWorklistHandlers } from './worklist/worklist-handlers';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  electronVersion?: string | null;
}

export interface Core {
  readonly layout: DataLayout;
  readonly db: Database;
  readonly handlers: HandlerTable;
  /** Events from handlers and background tasks; each host forwards them to its renderers. */
  readonly events: EventBus;
  /** The context every request of this core runs with. */
  readonly context: HandlerContext;
  readonly logger: Logger;
  /** Validates and runs one request from an untrusted caller; never throws. */
  /** Imports into this data folder (store, writer worker, parser pool). */
  readonly imports: ImportService;
  dispatch(channel: unknown, args: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const layout = ensureDataLayout(options.dataDir);
  const logger = createFileLogger(layout.logs);
  const db = openDatabase(layout.database);
  const preferences = createPreferencesStore(db);
  const events = new EventBus();
  const context: HandlerContext = { host: options.host, emit: (event, payload) => events.emit(event, payload) };

  const imports = new ImportService({ layout, logger, createParser: () => new InProcessParser() });
  const handlers: HandlerTable = {
    ...createAppHandlers({ db, dataDir: layout.root, host: options.host, electronVersion: options.electronVersion }),
    ...createPrefsHandlers(preferences),
    ...createWorklistHandlers(db),
  };

    ...createImportHandlers(imports),
  const dispatch = (channel: unknown, args: unknown) =>
    dispatchRequest(handlers, channel, args, context, (ch, error) =>
      logger.log('error', 'request.failed', { channel: ch, ...describeError(error) }),
    );

  let closed = false;
  return {
    layout,
    db,
    handlers,
    events,
    context,
    logger,
    dispatch,
    async close() {
    imports,
      if (closed) return;
      closed = true;
      db.close();
    },
      await imports.close();
  };
}
