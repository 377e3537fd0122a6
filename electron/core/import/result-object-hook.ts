// After an import has committed its rows, the DICOM Segmentations and TID 1500 measurement
// reports it stored (ours re-imported, or another tool's such as dcmqi) become stored analyses
// so the viewer overlays them (ai:results). This runs only after the instance rows committed:
// the files are already safe in the store and in the worklist, so a SEG or SR that cannot be
// turned into an overlay is reported for that file alone and nothing already stored is lost.
// SEGs go first so an SR's groups can be placed on the centroid of the segment they reference.
import { readFile } from 'node:fs/promises';
import type { ImportFileProblem } from '../../shared/imports';
import { AppError } from '../../shared/result';
import { importMeasurementReport, importSegmentation, type ResultImportContext } from '../dicom-objects/dicom-result-import';
import { SEGMENTATION_STORAGE } from '../dicom-objects/seg-writer';
import type { SegmentationObject } from '../dicom-objects/seg-reader';

/** Structured Report storage classes (PS3.4 B.5: all share the 1.2.840.10008.5.1.4.1.1.88. root). */
const SR_ROOT = '1.2.840.10008.5.1.4.1.1.88.';

export interface StoredResultObject {
  /** What the user sees for this file in the import summary (its path or archive entry). */
  label: string;
  /** Absolute path of the stored (hash-named) file; never derived from a DICOM value. */
  storedPath: string;
  sopClassUID: string;
}

export interface ResultObjectOutcome {
  imported: number;
  problems: ImportFileProblem[];
}

export type ResultObjectHook = (objects: readonly StoredResultObject[]) => Promise<ResultObjectOutcome>;

/** Whether an instance of this SOP class may carry results to overlay. */
export function isResultObjectClass(sopClassUID: string): boolean {
  return sopClassUID === SEGMENTATION_STORAGE || sopClassUID.startsWith(SR_ROOT);
}

function problem(label: string, error: unknown): ImportFileProblem {
  const failure =
    error instanceof AppError ? error : new AppError('INTERNAL', 'The object was stored, but its results could not be read to show them as an overlay.');
  return { path: label, code: failure.code, message: `Stored, but not shown as an overlay: ${failure.message}` };
}

export function createResultObjectHook(ctx: ResultImportContext): ResultObjectHook {
  return async (objects) => {
    const outcome: ResultObjectOutcome = { imported: 0, problems: [] };
    const segmentations: SegmentationObject[] = [];
    const segs = objects.filter((o) => o.sopClassUID === SEGMENTATION_STORAGE);
    const reports = objects.filter((o) => o.sopClassUID.startsWith(SR_ROOT));
    for (const object of segs) {
      try {
        segmentations.push(importSegmentation(ctx, await readFile(object.storedPath)).seg);
        outcome.imported++;
      } catch (error) {
        outcome.problems.push(problem(object.label, error));
      }
    }
    for (const object of reports) {
      let bytes: Buffer;
      try {
        bytes = await readFile(object.storedPath);
        importMeasurementReport(ctx, bytes, segmentations);
        outcome.imported++;
      } catch (error) {
        // Dose reports, key object selections and other SR documents are not measurement
        // reports: they are stored images of the study like any other, not a problem.
        if (error instanceof AppError && error.code === 'INVALID_ARGUMENT' && /TID 1500/.test(error.message)) continue;
        outcome.problems.push(problem(object.label, error));
      }
    }
    return outcome;
  };
}
