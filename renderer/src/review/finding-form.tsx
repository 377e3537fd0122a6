// The edit / add form of a finding: type, size, density, location, side, a Lung-RADS override and
// the centre. The box itself is moved and resized on the images (ai-overlays/finding-editor.ts);
// a centre typed here carries the box along. "From measurement" fills centre and axes from a viewer ROI.
import { type ReactNode, useState } from 'react';
import { NODULE_CONSISTENCIES, SIDES } from '../../../electron/shared/ai-results';
import type { MessageKey } from '../../../electron/shared/i18n';
import type { MeasurementRow } from '../../../electron/shared/measurements';
import { type FindingValues, LUNG_RADS_CATEGORIES } from '../../../electron/shared/reports';
import { useI18n } from '../i18n/i18n-context';
import { valuesFromMeasurement } from './review-logic';

const TYPES = ['nodule', 'mass', 'lesion', 'core'] as const;
const LOCATIONS = ['right upper lobe', 'right middle lobe', 'right lower lobe', 'left upper lobe', 'left lower lobe', 'left MCA territory', 'right MCA territory'];

type Draft = Record<'type' | 'longAxisMm' | 'shortAxisMm' | 'solidComponentMm' | 'consistency' | 'location' | 'side' | 'lungRadsCategory' | 'x' | 'y' | 'z', string>;

function draftOf(v: FindingValues): Draft {
  const s = (n: number | undefined) => (n === undefined ? '' : String(Math.round(n * 10) / 10));
  return {
    type: v.type ?? 'nodule',
    longAxisMm: s(v.longAxisMm),
    shortAxisMm: s(v.shortAxisMm),
    solidComponentMm: s(v.solidComponentMm),
    consistency: v.consistency ?? '',
    location: v.location ?? '',
    side: v.side ?? '',
    lungRadsCategory: v.lungRadsCategory ?? '',
    x: s(v.centerLPS?.[0]),
    y: s(v.centerLPS?.[1]),
    z: s(v.centerLPS?.[2]),
  };
}

/** Only the fields that differ from `base` (an edit records what changed, not the whole finding). */
function patchOf(d: Draft, base: FindingValues): FindingValues {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const next: FindingValues = {
    type: d.type as FindingValues['type'],
    longAxisMm: num(d.longAxisMm),
    shortAxisMm: num(d.shortAxisMm),
    solidComponentMm: num(d.solidComponentMm),
    consistency: (d.consistency || undefined) as FindingValues['consistency'],
    location: d.location.trim() || undefined,
    side: (d.side || undefined) as FindingValues['side'],
    lungRadsCategory: (d.lungRadsCategory || undefined) as FindingValues['lungRadsCategory'],
  };
  const [x, y, z] = [num(d.x), num(d.y), num(d.z)];
  if (x !== undefined && y !== undefined && z !== undefined) next.centerLPS = [x, y, z];
  const from = base.centerLPS;
  const box = base.boundsLPS;
  // The form shows the centre to 0.1 mm: an untouched coordinate keeps its full value (no edit);
  // a new centre moves the box with it, so the images show the finding where the form puts it.
  if (next.centerLPS && from) next.centerLPS = next.centerLPS.map((c, a) => (c === Math.round(from[a]! * 10) / 10 ? from[a]! : c)) as [number, number, number];
  if (next.centerLPS && from && box && JSON.stringify(next.centerLPS) !== JSON.stringify(from)) {
    const shift = next.centerLPS.map((c, a) => c - from[a]!);
    next.boundsLPS = [box[0].map((c, a) => c + shift[a]!) as [number, number, number], box[1].map((c, a) => c + shift[a]!) as [number, number, number]];
  }
  const patch: FindingValues = {};
  for (const [key, value] of Object.entries(next) as [keyof FindingValues, unknown][]) {
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
    if (JSON.stringify(value) !== JSON.stringify(base[key])) Object.assign(patch, { [key]: value });
  }
  return patch;
}

export function FindingForm({
  initial,
  measurements,
  onSave,
  onCancel,
}: {
  initial: FindingValues;
  /** Viewer measurements of the series on screen, offered as the source of an added finding. */
  measurements?: MeasurementRow[];
  onSave(values: FindingValues): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const field = (key: keyof Draft, label: MessageKey, input: ReactNode) => (
    <label className="review-field" data-field={key}>
      <span>{t(label)}</span>
      {input}
    </label>
  );
  const number = (key: keyof Draft) => <input type="number" step="0.1" min="0" value={draft[key]} onChange={set(key)} data-testid={`review-field-${key}`} />;
  return (
    <form
      className="review-form"
      data-testid="review-finding-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(patchOf(draft, initial));
      }}
    >
      {measurements && measurements.length > 0 && (
        <label className="review-field">
          <span>{t('review.fromMeasurement')}</span>
          <select
            data-testid="review-from-measurement"
            defaultValue=""
            onChange={(e) => {
              const m = measurements.find((x) => String(x.id) === e.target.value);
              if (m) setDraft((d) => ({ ...d, ...Object.fromEntries(Object.entries(draftOf({ ...valuesFromMeasurement(m), type: d.type as FindingValues['type'] })).filter(([k]) => ['longAxisMm', 'shortAxisMm', 'x', 'y', 'z'].includes(k))) }));
            }}
          >
            <option value="">{t('review.none')}</option>
            {measurements.map((m) => (
              <option key={m.id} value={m.id}>
                #{m.id} {m.kind} {m.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {field(
        'type',
        'review.field.type',
        <select value={draft.type} onChange={set('type')} data-testid="review-field-type">
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`review.type.${type}` as MessageKey)}
            </option>
          ))}
        </select>,
      )}
      {field('longAxisMm', 'review.field.longAxisMm', number('longAxisMm'))}
      {field('shortAxisMm', 'review.field.shortAxisMm', number('shortAxisMm'))}
      {field(
        'consistency',
        'review.field.consistency',
        <select value={draft.consistency} onChange={set('consistency')} data-testid="review-field-consistency">
          <option value="">{t('review.none')}</option>
          {NODULE_CONSISTENCIES.map((c) => (
            <option key={c} value={c}>
              {t(`review.consistency.${c}` as MessageKey)}
            </option>
          ))}
        </select>,
      )}
      {draft.consistency === 'part-solid' && field('solidComponentMm', 'review.field.solidComponentMm', number('solidComponentMm'))}
      {field('location', 'review.field.location', <input list="review-locations" value={draft.location} onChange={set('location')} data-testid="review-field-location" />)}
      <datalist id="review-locations">
        {LOCATIONS.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      {field(
        'side',
        'review.field.side',
        <select value={draft.side} onChange={set('side')} data-testid="review-field-side">
          <option value="">{t('review.none')}</option>
          {SIDES.map((s) => (
            <option key={s} value={s}>
              {t(`review.side.${s}` as MessageKey)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'lungRadsCategory',
        'review.field.category',
        <select value={draft.lungRadsCategory} onChange={set('lungRadsCategory')} data-testid="review-field-category">
          <option value="">{t('review.field.auto')}</option>
          {LUNG_RADS_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>,
      )}
      <label className="review-field">
        <span>{t('review.field.center')}</span>
        <span className="review-xyz">
          {(['x', 'y', 'z'] as const).map((k) => (
            <input key={k} type="number" step="0.1" value={draft[k]} onChange={set(k)} aria-label={k} data-testid={`review-field-${k}`} />
          ))}
        </span>
      </label>
      <p className="muted review-note">{t('review.boxNote')}</p>
      <div className="review-buttons">
        <button type="submit" data-testid="review-form-save">
          {t('review.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('review.cancel')}
        </button>
      </div>
    </form>
  );
}
