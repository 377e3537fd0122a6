// Inserts patients/studies/series rows directly with SQL, as the importer's writer would, for
// worklist tests and the benchmark. Only the worklist's view of a study is filled in.
import type { Database } from '../../../../electron/core/store/database';
import type { StudyPriority, StudyStatus } from '../../../../electron/shared/studies';

export interface SeedStudy {
  studyInstanceUID: string;
  patientName: string;
  patientID: string;
  sex?: string;
  birthDate?: string;
  accessionNumber?: string;
  studyDate?: string;
  studyTime?: string;
  description?: string;
  /** One series per entry. */
  seriesModalities?: string[];
  instancesPerSeries?: number;
  priority?: StudyPriority;
  status?: StudyStatus;
  read?: boolean;
  importedAt?: string;
}

export function createSeeder(db: Database): (study: SeedStudy) => void {
  const patient = db.prepare(
    `INSERT INTO patients(patient_key, patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(patient_key) DO UPDATE SET patient_key = excluded.patient_key RETURNING id`,
  );
  const study = db.prepare(
    `INSERT INTO studies(study_instance_uid, patient_ref, accession_number, study_date, study_time, study_description,
       modalities, number_of_series, number_of_instances, priority, status, is_read, imported_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const series = db.prepare(
    `INSERT INTO series(series_instance_uid, study_ref, modality, series_number, series_description, sop_class_uid, number_of_instances)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return (s) => {
    const modalities = s.seriesModalities ?? ['CT'];
    const perSeries = s.instancesPerSeries ?? 10;
    const { id: patientRef } = patient.get(
      `${s.patientID}|${s.patientName}`,
      s.patientID,
      s.patientName,
      s.birthDate ?? '',
      s.sex ?? '',
    ) as { id: number };
    const importedAt = s.importedAt ?? new Date().toISOString();
    const { id: studyRef } = study.get(
      s.studyInstanceUID,
      patientRef,
      s.accessionNumber ?? '',
      s.studyDate ?? '',
      s.studyTime ?? '',
      s.description ?? '',
      [...new Set(modalities)].sort().join('\\'),
      modalities.length,
      modalities.length * perSeries,
      s.priority ?? 'routine',
      s.status ?? 'new',
      s.read ? 1 : 0,
      importedAt,
      importedAt,
    ) as { id: number };
    modalities.forEach((modality, i) => {
      series.run(`${s.studyInstanceUID}.${i + 1}`, studyRef, modality, i + 1, `${modality} series ${i + 1}`, '1.2.840.10008.5.1.4.1.1.2', perSeries);
    });
  };
}
