import { ensureDataLayout } from '../../../../electron/core/app/data-dir';
import { DicomParsePool } from '../../../../electron/core/dicom/dicom-parse-pool';
import { ImportService } from '../../../../electron/core/import/import-service';
import { silentLogger } from '../../../../electron/core/logging/log';
import { openDatabase } from '../../../../electron/core/store/database';
import type { ImportSummary } from '../../../../electron/shared/imports';

/** Imports `paths` into a data folder with the real service and one parse worker; resolves to the summary. */
export async function importInto(dataDir: string, paths: string[]): Promise<ImportSummary> {
  const layout = ensureDataLayout(dataDir);
  openDatabase(layout.database).close();
  const service = new ImportService({ layout, logger: silentLogger, createParser: () => new DicomParsePool({ size: 1 }) });
  try {
    return await service.start(paths, { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
  } finally {
    await service.close();
  }
}
