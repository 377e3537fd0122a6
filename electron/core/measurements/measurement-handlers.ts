// The `measurements:*` requests. Arguments are validated by the contract's zod schemas before
// they get here (dispatchRequest), so the handlers only move rows.
import type { HandlerTable } from '../../shared/handler-table';
import type { MeasurementStore } from './measurement-store';

type MeasurementHandlers = Pick<HandlerTable, 'measurements:list' | 'measurements:save' | 'measurements:delete'>;

export function createMeasurementHandlers(store: MeasurementStore): MeasurementHandlers {
  return {
    'measurements:list': ({ seriesInstanceUID }) => store.list(seriesInstanceUID),
    'measurements:save': (args) => store.save(args),
    'measurements:delete': ({ id }) => store.delete(id),
  };
}
