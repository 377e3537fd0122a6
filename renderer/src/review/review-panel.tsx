// The review form beside the viewer (#6): every finding of the study with its AI provenance and
// disposition, accept / reject with a reason / edit / add a missed finding, undo until sign-off,
// the report editor with its consistency warnings, signing, and the full history. Every action
// is one `review:act` request; the state shown is always the server's fold of the events.
// The viewer shows the folded geometry: the selected finding's box is moved and resized on the
// images (ai-overlays/finding-editor.ts), and a missed finding drawn there opens the add form.
import { useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '../../../electron/shared/i18n';
import type { MeasurementRow } from '../../../electron/shared/measurements';
import { findingKey, type FindingValues, type ReaderProfiles, type ReviewEventBody, type StudyReview } from '../../../electron/shared/reports';
import { call, useClient } from '../app/client-context';
import { useI18n } from '../i18n/i18n-context';
import { useShortcut } from '../shortcuts/shortcut-context';
import type { ViewerEngine } from '../viewer/engine/viewer-engine';
import { FindingForm } from './finding-form';
import { useBoxShortcuts } from './use-box-shortcuts';
import { undoableEvent } from './review-logic';
import { ReaderPicker } from './reader-picker';
import { ReportEditor } from './report-editor';
import { RejectForm, ReviewFindingRow } from './review-findings';
import './review.css';

/** `drawn`: the geometry of a finding drawn on the images, saved with the add event. */
type Mode = { kind: 'none' } | { kind: 'reject' } | { kind: 'edit' } | { kind: 'add'; drawn?: FindingValues };

export function ReviewPanel({
  studyInstanceUID,
  seriesInstanceUID,
  engine,
  onJump,
}: {
  studyInstanceUID: string;
  seriesInstanceUID: string | null;
  engine: ViewerEngine;
  /** Moves every view to a point (LPS mm). */
  onJump(centerLPS: [number, number, number]): void;
}) {
  const { t, language } = useI18n();
  const client = useClient();
  const [review, setReview] = useState<StudyReview | null>(null);
  const [profiles, setProfiles] = useState<ReaderProfiles | null>(null);
  const [preview, setPreview] = useState('');
  const [selected, setSelected] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [measurements, setMeasurements] = useState<MeasurementRow[]>([]);
  /** Folded away while a study has nothing to review, so the viewports keep their width. */
  const [open, setOpen] = useState<boolean | null>(null);

  const loadProfiles = useCallback(async () => setProfiles(await call(client, 'review:users', {})), [client]);
  const load = useCallback(async () => {
    const next = await call(client, 'review:get', { studyInstanceUID });
    if (next) setReview(next);
  }, [client, studyInstanceUID]);
  useEffect(() => {
    void load();
    void loadProfiles();
  }, [load, loadProfiles]);
  useEffect(() => {
    if (!review) return;
    void call(client, 'reports:renderText', { studyInstanceUID, lang: language }).then((r) => r && setPreview(r.text));
  }, [client, review, studyInstanceUID, language]);

  const act = useCallback(
    async (event: ReviewEventBody) => {
      const next = await call(client, 'review:act', { studyInstanceUID, event });
      if (next) {
        setReview(next);
        setMode({ kind: 'none' });
      }
      return next;
    },
    [client, studyInstanceUID],
  );

  const findings = review?.report.findings ?? [];
  const current = findings[Math.min(selected, findings.length - 1)];
  const locked = review?.status === 'final' || review?.status === 'addendum';
  const choose = useCallback(
    (index: number) => {
      const f = findings[index];
      if (!f) return;
      setSelected(index);
      setMode({ kind: 'none' });
      engine.ai.selectByKey(findingKey(f.ref));
      if (f.values.centerLPS) onJump(f.values.centerLPS);
    },
    [findings, onJump, engine],
  );
  const step = (delta: number) => () => findings.length > 0 && choose((selected + delta + findings.length) % findings.length);
  const editable = !!current && !locked;
  useShortcut('review.next', useCallback(step(1), [selected, findings, choose]), findings.length > 0);
  useShortcut('review.prev', useCallback(step(-1), [selected, findings, choose]), findings.length > 0);
  useShortcut('review.accept', useCallback(() => current && void act({ action: 'accept', finding: current.ref }), [current, act]), editable);
  useShortcut('review.reject', useCallback(() => setMode({ kind: 'reject' }), []), editable);
  useShortcut('review.edit', useCallback(() => setMode({ kind: 'edit' }), []), editable);
  // The viewer draws the folded geometry and hands back moved/resized boxes and drawn findings.
  useEffect(() => {
    const editor = engine.ai.editor;
    editor.setReview(
      (review?.findings ?? []).map((f) => ({ key: findingKey(f.ref), ref: f.ref, source: f.ref.analysisId === null ? 'reader' : 'ai', values: f.current })),
      !!review && !locked,
      t('review.readerLabel'),
    );
    editor.onEdit = (ref, after) => void act({ action: 'edit', finding: ref, after });
    editor.onDrawn = (values, mean) => {
      setOpen(true);
      setMode({ kind: 'add', drawn: mean === null ? values : { ...values, note: `${t('review.roiMean')}: ${mean.toFixed(0)}` } });
    };
    return () => {
      editor.onEdit = null;
      editor.onDrawn = null;
    };
  }, [engine, review, locked, act, t]);
  useBoxShortcuts(engine, !!review && !locked);
  const undoTarget = review ? undoableEvent(review) : null;
  useShortcut('review.undo', useCallback(() => undoTarget !== null && void act({ action: 'undo', targetEventId: undoTarget }), [undoTarget, act]), undoTarget !== null);

  /** Saves the report PDF in the UI language: a download in the browser, Electron's save dialog on the desktop. */
  const exportPdf = async () => {
    const document = await call(client, 'reports:export', { studyInstanceUID, lang: language, format: 'pdf' });
    if (!document) return;
    const bytes = Uint8Array.from(atob(document.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: document.mimeType }));
    const link = Object.assign(window.document.createElement('a'), { href: url, download: document.fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const openAdd = async () => {
    setMode({ kind: 'add' });
    setMeasurements(seriesInstanceUID ? ((await call(client, 'measurements:list', { seriesInstanceUID })) ?? []) : []);
  };

  if (!review) return <aside className="review-panel folded" data-testid="review-panel" />;
  const expanded = open ?? (review.findings.length > 0 || review.events.length > 0);
  if (!expanded) {
    return (
      <aside className="review-panel folded" data-testid="review-panel" data-status={review.status}>
        <button type="button" className="review-unfold" onClick={() => setOpen(true)} data-testid="review-unfold">
          {t('review.title')}
        </button>
      </aside>
    );
  }
  return (
    <aside className="review-panel" data-testid="review-panel" data-status={review.status}>
      <h2>
        <button type="button" className="review-fold" onClick={() => setOpen(false)} aria-label="fold">
          ›
        </button>
        {t('review.title')} <span className={`review-status status-${review.status}`} data-testid="review-status">{t(`review.status.${review.status}` as MessageKey)}</span>
      </h2>
      {profiles && <ReaderPicker profiles={profiles} onChanged={() => void loadProfiles()} />}
      <h3>{t('review.findings')}</h3>
      {findings.length === 0 && <p className="muted">{t('review.noFindings')}</p>}
      <ul className="review-findings">
        {findings.map((f, i) => (
          <ReviewFindingRow
            key={`${f.ref.analysisId ?? 'r'}:${f.ref.findingId}`}
            finding={f}
            selected={f === current}
            locked={locked}
            onSelect={() => choose(i)}
            onAccept={() => void act({ action: 'accept', finding: f.ref })}
            onReject={() => setMode({ kind: 'reject' })}
            onEdit={() => setMode({ kind: 'edit' })}
          >
            {f === current && mode.kind === 'reject' && (
              <RejectForm
                onReject={(reason, text) => void act({ action: 'reject', finding: f.ref, reason, ...(text ? { reasonText: text } : {}) })}
                onCancel={() => setMode({ kind: 'none' })}
              />
            )}
            {f === current && mode.kind === 'edit' && (
              <FindingForm
                initial={f.values}
                onSave={(after: FindingValues) => (Object.keys(after).length ? void act({ action: 'edit', finding: f.ref, after }) : setMode({ kind: 'none' }))}
                onCancel={() => setMode({ kind: 'none' })}
              />
            )}
          </ReviewFindingRow>
        ))}
      </ul>
      {!locked && (
        <div className="review-buttons">
          <button type="button" onClick={() => void openAdd()} data-testid="review-add">
            {t('review.add')}
          </button>
          <button type="button" disabled={undoTarget === null} onClick={() => undoTarget !== null && void act({ action: 'undo', targetEventId: undoTarget })} data-testid="review-undo">
            {t('review.undo')}
          </button>
        </div>
      )}
      {mode.kind === 'add' && (
        <FindingForm
          key={JSON.stringify(mode.drawn ?? null)}
          initial={{ type: 'nodule', ...mode.drawn }}
          measurements={mode.drawn ? undefined : measurements}
          onSave={(after) => void act({ action: 'add', after: { type: 'nodule', ...mode.drawn, ...after } })}
          onCancel={() => setMode({ kind: 'none' })}
        />
      )}
      <div className="review-buttons">
        <button type="button" onClick={() => void exportPdf()} data-testid="review-export-pdf">
          {t('review.exportPdf')}
        </button>
      </div>
      <ReportEditor
        review={review}
        preview={preview}
        onText={(field, text) => void act({ action: 'set-text', field, after: text })}
        onAcknowledge={(warningKey) => void act({ action: 'acknowledge', warningKey })}
        onSign={(status) => void act({ action: 'sign', status })}
      />
    </aside>
  );
}
