// The `volumes:*` requests: small geometry descriptions over IPC / WebSocket; the voxels
// themselves travel over the bulk route (electron/server/bulk-route.ts).
import type { HandlerTable } from '../../shared/handler-table';
import type { SeriesVolumes } from './series-volumes';

type ViewerHandlers = Pick<HandlerTable, 'volumes:describe'>;

export function createViewerHandlers(volumes: SeriesVolumes): ViewerHandlers {
  return {
    'volumes:describe': ({ seriesInstanceUID }) => volumes.describe(seriesInstanceUID),
  };
}
