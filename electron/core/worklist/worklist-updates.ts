// The worklist's writes: priority and read state of one study. Each is one UPDATE of one row;
// the caller announces the change with `studies:changed`.
import { AppError } from '../../shared/result';
import type { StudyDetail, StudyPriority } from '../../shared/studies';
import type { Database } from '../store/database';
import { getStudy } from './worklist-query';

function updateStudy(db: Database, studyInstanceUID: string, assignment: string, value: string | number): StudyDetail {
  const changed = db
    .prepare(`UPDATE studies SET ${assignment} = ?, updated_at = ? WHERE study_instance_uid = ?`)
    .run(value, new Date().toISOString(), studyInstanceUID).changes;
  const study = changed > 0 ? getStudy(db, studyInstanceUID) : null;
  if (!study) {
    throw new AppError('NOT_FOUND', 'No study with this Study Instance UID is stored; it may have been removed. Refresh the worklist.');
  }
  return study;
}

export function setStudyPriority(db: Database, studyInstanceUID: string, priority: StudyPriority): StudyDetail {
  return updateStudy(db, studyInstanceUID, 'priority', priority);
}

export function setStudyRead(db: Database, studyInstanceUID: string, read: boolean): StudyDetail {
  return updateStudy(db, studyInstanceUID, 'is_read', read ? 1 : 0);
}
