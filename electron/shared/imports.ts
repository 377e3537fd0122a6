// The import domain as the renderer and the CLI see it: start an import of files, folders,
// DICOMDIR media or zip archives, follow its progress, read its summary.
import { z } from 'zod';
import { ERROR_CODES } from './result';

export const importIdSchema = z.string().regex(/^imp-[0-9a-z-]{1,40}$/, 'must be an import id returned by import:start');

export const importStartSchema = z
  .object({
    /** Absolute paths the user chose (files, folders, DICOMDIR files, zip archives); only these are read. */
    paths: z
      .array(
        z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => !p.includes('\0'), 'must not contain NUL characters'),
      )
      .min(1)
      .max(1000),
  })
  .strict();

export const importCancelSchema = z.object({ importId: importIdSchema }).strict();

/** What the native open dialog of the desktop app lets the reader pick. */
export const choosePathsSchema = z.object({ mode: z.enum(['files', 'folder']) }).strict();
export type ChoosePathsMode = z.output<typeof choosePathsSchema>['mode'];

const count = z.number().int().nonnegative();

export const importProgressSchema = z.object({
  importId: importIdSchema,
  /** Files listed so far (folders walked, DICOMDIR records followed, zip entries). */
  filesSeen: count,
  /** All files to import, once listing is complete; null while still listing. */
  filesTotal: count.nullable(),
  /** Files finished: added + duplicates + conflicts + rejected. */
  done: count,
  added: count,
  duplicates: count,
  conflicts: count,
  rejected: count,
  bytesDone: count,
  /** Files per second over the last few seconds. */
  rate: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
});
export type ImportProgress = z.output<typeof importProgressSchema>;

const codeSchema = z.enum(ERROR_CODES);
export const importFileProblemSchema = z.object({ path: z.string(), code: codeSchema, message: z.string() });
export type ImportFileProblem = z.output<typeof importFileProblemSchema>;

export const IMPORT_STATES = ['completed', 'cancelled', 'failed'] as const;

export const importSummarySchema = z.object({
  importId: importIdSchema,
  state: z.enum(IMPORT_STATES),
  /** Why the import stopped early (disk full, read-only data folder…); null when it completed. */
  error: z.object({ code: codeSchema, message: z.string() }).nullable(),
  filesSeen: count,
  added: count,
  duplicates: count,
  conflicts: count,
  /** Files that are not (valid) DICOM; the first 1000 are listed, `rejectedCount` counts all. */
  rejected: z.array(importFileProblemSchema),
  rejectedCount: count,
  /** Files whose SOP Instance UID was already stored with different bytes; kept aside in conflicts/. */
  conflictFiles: z.array(importFileProblemSchema),
  /** Files passed over on purpose: hidden, system junk, symbolic links, DICOMDIR indexes, empty files. */
  skipped: z.object({ hidden: count, system: count, symlinks: count, dicomdir: count, empty: count }),
  /** Paths that could not be listed at all (missing, unreadable, unsupported archive). */
  unreadablePaths: z.array(importFileProblemSchema),
  /** DICOMDIRs with wrong or missing records, whose folder was scanned instead. */
  dicomdirFallbacks: z.array(importFileProblemSchema),
  bytesDone: count,
  /** The studies that received new instances. */
  studyInstanceUIDs: z.array(z.string()),
  durationSeconds: z.number().nonnegative(),
  /** SEG / TID 1500 SR objects shown as overlays (ai:results), and those stored but not shown; absent when none were added. */
  resultObjects: z.object({ imported: count, problems: z.array(importFileProblemSchema) }).optional(),
});
export type ImportSummary = z.output<typeof importSummarySchema>;
