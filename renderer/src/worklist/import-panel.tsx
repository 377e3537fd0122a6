// Import actions of the worklist: files or a folder (uploaded through the web host; the native
// dialog in the desktop app, where the preload also handles drops), a path on
// the workstation (CD drive, network share), drag-and-drop, and the running import's progress
// with a cancel button. Progress comes from `import:progress` / `import:finished` events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportSummary } from '../../../electron/shared/imports';
import { call, useClient } from '../app/client-context';
import { errorStore } from '../app/error-store';
import { useI18n } from '../i18n/i18n-context';
import { canUpload, UploadFailed, uploadAndImport } from './upload-files';
import { displayDuration, fill } from './worklist-format';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'importing'; importId: string | null; progress: ImportProgress | null }
  | { kind: 'finished'; summary: ImportSummary };

export interface ImportActions {
  phase: Phase;
  importFiles(files: readonly File[]): Promise<void>;
  importPath(path: string): Promise<void>;
  /** Desktop app: the native open dialog, then the import of what was chosen. */
  importChosen(mode: 'files' | 'folder'): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

export function useImportActions(): ImportActions {
  const client = useClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const cancelled = useRef(false);
  const importId = useRef<string | null>(null);

  const finishedIds = useRef(new Set<string>());

  useEffect(() => {
    const offProgress = client.on('import:progress', (progress) => {
      // A throttled progress event can arrive after the import's summary; it must not reopen the bar.
      if (finishedIds.current.has(progress.importId)) return;
      importId.current = progress.importId;
      setPhase({ kind: 'importing', importId: progress.importId, progress });
    });
    const offFinished = client.on('import:finished', (summary) => {
      finishedIds.current.add(summary.importId);
      importId.current = null;
      setPhase({ kind: 'finished', summary });
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [client]);

  const started = (id: string) => {
    // A small import can finish (and say so over the socket) before its start request returns.
    if (finishedIds.current.has(id)) return;
    importId.current = id;
    setPhase((current) => (current.kind === 'importing' && current.progress ? current : { kind: 'importing', importId: id, progress: null }));
  };

  const importFiles = useCallback(async (files: readonly File[]) => {
    if (files.length === 0) return;
    if (!canUpload()) {
      errorStore.push({ code: 'UNAVAILABLE', message: 'Upload is not available in the desktop window.' }, 'import');
      return;
    }
    cancelled.current = false;
    try {
      const id = await uploadAndImport(files, (done, total) => setPhase({ kind: 'uploading', done, total }), () => cancelled.current);
      if (id) started(id);
      else setPhase({ kind: 'idle' });
    } catch (error) {
      setPhase({ kind: 'idle' });
      errorStore.push(error instanceof UploadFailed ? error.error : { code: 'INTERNAL', message: String(error) }, 'import');
    }
  }, []);

  const importPaths = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      const result = await call(client, 'import:start', { paths });
      if (result) started(result.importId);
    },
    [client],
  );
  const importPath = useCallback((path: string) => importPaths([path]), [importPaths]);

  const importChosen = useCallback(
    async (mode: 'files' | 'folder') => {
      const chosen = await call(client, 'import:choosePaths', { mode });
      if (chosen) await importPaths(chosen.paths);
    },
    [client, importPaths],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
    if (importId.current) void call(client, 'import:cancel', { importId: importId.current });
    else setPhase({ kind: 'idle' });
  }, [client]);

  return { phase, importFiles, importPath, importChosen, cancel, dismiss: () => setPhase({ kind: 'idle' }) };
}

export function ImportButtons({ actions }: { actions: ImportActions }) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const pick = (input: HTMLInputElement | null) => input?.click();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const onPicked = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void actions.importFiles(files);
  };
  const busy = actions.phase.kind === 'uploading' || actions.phase.kind === 'importing';
  return (
    <div className="import-buttons">
      {!canUpload() && (
        <>
          <button type="button" data-testid="import-files" disabled={busy} onClick={() => void actions.importChosen('files')}>
            {t('import.files')}
          </button>
          <button type="button" data-testid="import-folder" disabled={busy} onClick={() => void actions.importChosen('folder')}>
            {t('import.folder')}
          </button>
        </>
      )}
      {canUpload() && (
        <>
          <button type="button" data-testid="import-files" disabled={busy} onClick={() => pick(filesInput.current)}>
            {t('import.files')}
          </button>
          <button type="button" data-testid="import-folder" disabled={busy} onClick={() => pick(folderInput.current)}>
            {t('import.folder')}
          </button>
          <input ref={filesInput} type="file" multiple hidden data-testid="import-files-input" onChange={(e) => onPicked(e.currentTarget)} />
          <input
            ref={(el) => {
              folderInput.current = el;
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            hidden
            onChange={(e) => onPicked(e.currentTarget)}
          />
        </>
      )}
      <form
        className="import-path"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) void actions.importPath(path.trim());
        }}
      >
        <input
          type="text"
          data-testid="import-path"
          aria-label={t('import.fromPath')}
          placeholder={t('import.pathPlaceholder')}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" data-testid="import-path-start" disabled={busy || !path.trim()}>
          {t('import.fromPath')}
        </button>
      </form>
    </div>
  );
}

export function ImportProgressBar({ actions }: { actions: ImportActions }) {
  const { t } = useI18n();
  const { phase } = actions;
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'finished') {
    const s = phase.summary;
    const text =
      s.state === 'completed'
        ? fill(t('import.finished'), { added: s.added, duplicates: s.duplicates, rejected: s.rejectedCount })
        : s.state === 'cancelled'
          ? fill(t('import.cancelled'), { added: s.added })
          : fill(t('import.failed'), { message: s.error?.message ?? '' });
    const results = s.resultObjects;
    return (
      <div className={`import-status import-${s.state}`} data-testid="import-status" role="status">
        <span>{text}</span>
        {results && (
          <span data-testid="import-result-objects" title={results.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}>
            {fill(t('import.resultObjects'), { imported: results.imported, problems: results.problems.length })}
          </span>
        )}
        <button type="button" className="link-button" onClick={actions.dismiss}>
          {t('import.dismiss')}
        </button>
      </div>
    );
  }
  let label: string;
  let fraction: number | null;
  const details: string[] = [];
  if (phase.kind === 'uploading') {
    label = fill(t('import.uploading'), { done: phase.done, total: phase.total });
    fraction = phase.total > 0 ? phase.done / phase.total : null;
  } else {
    const p = phase.progress;
    if (p && p.filesTotal !== null) {
      label = fill(t('import.progress'), { done: p.done, total: p.filesTotal });
      fraction = p.filesTotal > 0 ? p.done / p.filesTotal : 1;
    } else {
      label = fill(t('import.listing'), { seen: p?.filesSeen ?? 0 });
      fraction = null;
    }
    if (p && p.rate > 0) details.push(fill(t('import.rate'), { rate: p.rate.toFixed(1) }));
    if (p?.etaSeconds != null) details.push(fill(t('import.eta'), { eta: displayDuration(p.etaSeconds) }));
  }
  return (
    <div className="import-status" data-testid="import-progress" role="status">
      <div className="progress-track" aria-hidden="true">
        <div className={`progress-fill${fraction === null ? ' indeterminate' : ''}`} style={{ width: `${Math.round((fraction ?? 0.3) * 100)}%` }} />
      </div>
      <span className="progress-label">{label}</span>
      {details.map((d) => (
        <span key={d} className="muted">
          {d}
        </span>
      ))}
      <button type="button" data-testid="import-cancel" onClick={actions.cancel}>
        {t('import.cancel')}
      </button>
    </div>
  );
}
