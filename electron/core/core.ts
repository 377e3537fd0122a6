// Composes the core services for one data folder and exposes them as the handler table that
// both hosts serve. Nothing here imports Electron.
import type { HostKind } from '../shared/app-info';
import { EventBus } from '../shared/event-bus';
import { type HandlerContext, type HandlerTable, dispatchRequest } from '../shared/handler-table';
import { aiAutoRunEnabled, experimentalModelsEnabled } from '../shared/preferences';
import type { Result } from '../shared/result';
import { createAppHandlers } from './app/app-handlers';
import { type DataLayout, ensureDataLayout } from './app/data-dir';
import { DicomParsePool } from './dicom/dicom-parse-pool';
import { createModelHandlers } from './inference/models/model-handlers';
import { createJobHandlers } from './inference/jobs/job-handlers';
import { JobService } from './inference/jobs/job-service';
import { createMeasurementHandlers } from './measurements/measurement-handlers';
import { createMeasurementStore } from './measurements/measurement-store';
import { type ModelRegistry, createModelRegistry } from './inference/models/model-registry';
import { type ChoosePaths, createImportHandlers } from './import/import-handlers';
import { ImportService } from './import/import-service';
import { createResultObjectHook } from './import/result-object-hook';
import { createFileLogger, describeError, type Logger } from './logging/log';
import { createPrefsHandlers } from './prefs/prefs-handlers';
import { createReviewHandlers } from './review/review-handlers';
import { createReportExportHandlers } from './reports/pdf/report-export-handlers';
import { createFeedbackHandlers, createFeedbackService } from './feedback/feedback-handlers';
import { createReviewService, type ReviewService } from './review/review-service';
import { createPreferencesStore } from './prefs/preferences-store';
import { type Database, openDatabase } from './store/database';
import { SeriesVolumes } from './viewer/series-volumes';
import { createViewerHandlers } from './viewer/viewer-handlers';
import { watchExternalChanges } from './worklist/external-change-watch';
import { relayImportChanges } from './worklist/import-relay';
import { createWorklistHandlers } from './worklist/worklist-handlers';
import { watchTriage } from './worklist/worklist-ai';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  electronVersion?: string | null;
  /** The host's native open dialog (Electron); without one `import:choosePaths` is UNAVAILABLE. */
  choosePaths?: ChoosePaths;
  /** Queue eligible series for enabled models when an import finishes (default true; the CLI host never runs jobs). */
  aiAutoRun?: boolean;
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
  /** Imports into this data folder (store, writer worker, parser pool). */
  readonly imports: ImportService;
  /** Volumes of stored series for the viewer (geometry requests and the bulk route). */
  readonly volumes: SeriesVolumes;
  /** Installed AI model packages (<data>/models and the models table). */
  readonly models: ModelRegistry;
  /** The AI job queue (jobs table, inference worker). */
  readonly jobs: JobService;
  /** Human review of AI findings, the report workflow and the structured report (#6). */
  readonly review: ReviewService;
  /** Validates and runs one request from an untrusted caller; never throws. */
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
  const imports = new ImportService({
    layout,
    logger,
    createParser: () => new DicomParsePool(),
    onResultObjects: createResultObjectHook({ db, dataDir: layout.root }),
  });
  relayImportChanges(events);
  const stopWatchingStudies = options.host === 'cli' ? () => {} : watchExternalChanges(db, events);
  const volumes = new SeriesVolumes(db, layout.store);

  const models = createModelRegistry(db, layout.models);
  // The CLI host opens a core per command: it serves the jobs table but does not work the queue.
  const jobs = new JobService({
    db,
    dataDir: layout.root,
    storeDir: layout.store,
    registry: models,
    events,
    logger,
    autoStart: options.host !== 'cli',
    experimentalAllowed: () => experimentalModelsEnabled(preferences.get()),
  });
  const stopAutoRun =
    options.host !== 'cli' && (options.aiAutoRun ?? true)
      ? events.subscribe((event) => {
          if (event === 'import:finished' && aiAutoRunEnabled(preferences.get())) jobs.queueEligible();
        })
      : () => {};
  // Triage flags follow stored analyses in every host (the CLI's `analyze` stores them too).
  const stopTriage = watchTriage(db, events);
  const review = createReviewService({ db, analyses: jobs.analyses, events });
  const handlers: HandlerTable = {
    ...createAppHandlers({ db, dataDir: layout.root, host: options.host, electronVersion: options.electronVersion }),
    ...createPrefsHandlers(preferences),
    ...createWorklistHandlers(db),
    ...createImportHandlers(imports, options.choosePaths),
    ...createViewerHandlers(volumes),
    ...createModelHandlers(models, () => experimentalModelsEnabled(preferences.get())),
    ...createJobHandlers(jobs),
    ...createMeasurementHandlers(createMeasurementStore(db)),
    ...createReviewHandlers(review),
    ...createReportExportHandlers({ db, layout, review }),
    ...createFeedbackHandlers(createFeedbackService({ db, layout, review, analyses: jobs.analyses }), layout),
  };

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
    imports,
    volumes,
    models,
    jobs,
    review,
    dispatch,
    async close() {
      if (closed) return;
      closed = true;
      stopWatchingStudies();
      stopAutoRun();
      stopTriage();
      await jobs.close();
      await imports.close();
      db.close();
    },
  };
}
