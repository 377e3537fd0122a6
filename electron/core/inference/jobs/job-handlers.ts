// Request handlers of the `ai` domain.
import type { HandlerTable } from '../../../shared/handler-table';
import type { JobService } from './job-service';

export function createJobHandlers(jobs: JobService): Pick<HandlerTable, 'ai:enqueue' | 'ai:cancel' | 'ai:jobs' | 'ai:results'> {
  return {
    'ai:enqueue': (args) => jobs.enqueue(args.seriesInstanceUID, args.modelId, args.priority),
    'ai:cancel': (args) => jobs.cancel(args.jobId),
    'ai:jobs': (args) => jobs.list(args.studyInstanceUID),
    'ai:results': (args) => jobs.analyses.list(args),
  };
}
