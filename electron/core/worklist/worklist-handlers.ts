// The `studies:*` requests of the contract.
import type { HandlerTable } from '../../shared/handler-table';
import { AppError } from '../../shared/result';
import type { Database } from '../store/database';
import { announceStudiesChanged } from './studies-changed';
import { getStudy, listStudies } from './worklist-query';
import { setStudyPriority, setStudyRead } from './worklist-updates';

type WorklistHandlers = Pick<HandlerTable, 'studies:list' | 'studies:get' | 'studies:setPriority' | 'studies:setRead'>;

export function createWorklistHandlers(db: Database): WorklistHandlers {
  return {
    'studies:list': (query) => listStudies(db, query),
    'studies:get': ({ studyInstanceUID }) => {
      const study = getStudy(db, studyInstanceUID);
      if (!study) throw new AppError('NOT_FOUND', 'No study with this Study Instance UID is stored; it may have been removed.');
      return study;
    },
    'studies:setPriority': ({ studyInstanceUID, priority }, ctx) => {
      const study = setStudyPriority(db, studyInstanceUID, priority);
      announceStudiesChanged(ctx, [studyInstanceUID], 'priority');
      return study;
    },
    'studies:setRead': ({ studyInstanceUID, read }, ctx) => {
      const study = setStudyRead(db, studyInstanceUID, read);
      announceStudiesChanged(ctx, [studyInstanceUID], 'read');
      return study;
    },
  };
}
