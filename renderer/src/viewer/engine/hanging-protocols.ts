// Hanging protocols as typed data: the first protocol whose rules match the study decides the
// layout, which series hangs, and the initial window. Rules match DICOM attributes the way
// OHIF's protocol engine does (Modality, Body Part Examined, Series Description keywords).
import type { SeriesSummary } from '../../../../electron/shared/studies';
import type { LayoutId } from './layouts';

export interface HangingProtocol {
  id: string;
  modalities: readonly string[];
  /** Any keyword found (case-insensitive) in Body Part Examined, Study or Series Description; empty matches all. */
  keywords: readonly string[];
  layout: LayoutId;
  /** A CT preset id from window-presets.ts, or 'dicom' for the header's first window. */
  window: string;
}

export const HANGING_PROTOCOLS: readonly HangingProtocol[] = [
  { id: 'ct-chest', modalities: ['CT'], keywords: ['chest', 'thorax', 'lung', 'pulm', '胸'], layout: 'mpr', window: 'lung' },
  { id: 'ct-head', modalities: ['CT'], keywords: ['head', 'brain', 'skull', 'cran', '头', '颅'], layout: '1x1', window: 'brain' },
  { id: 'mr-brain', modalities: ['MR'], keywords: ['head', 'brain', 'neuro', '头', '颅', '脑'], layout: '1x1', window: 'dicom' },
  { id: 'radiograph', modalities: ['CR', 'DX', 'MG', 'RF', 'XA'], keywords: [], layout: '1x1', window: 'dicom' },
  { id: 'ct-default', modalities: ['CT'], keywords: [], layout: 'mpr', window: 'mediastinum' },
  { id: 'default', modalities: [], keywords: [], layout: '1x1', window: 'dicom' },
];

export interface StudyFacts {
  bodyPartExamined: string;
  studyDescription: string;
  series: readonly SeriesSummary[];
}

export interface HangingChoice {
  protocol: HangingProtocol;
  series: SeriesSummary | null;
}

const IMAGE_MODALITIES = new Set(['CT', 'MR', 'CR', 'DX', 'MG', 'RF', 'XA', 'PT', 'NM', 'US']);

/** The main series: an image series with the most instances (the localizer and dose report lose). */
export function primarySeries(series: readonly SeriesSummary[]): SeriesSummary | null {
  const images = series.filter((s) => IMAGE_MODALITIES.has(s.modality));
  const pool = images.length > 0 ? images : series;
  return [...pool].sort((a, b) => b.numberOfInstances - a.numberOfInstances || (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0))[0] ?? null;
}

export function chooseHangingProtocol(study: StudyFacts, protocols = HANGING_PROTOCOLS): HangingChoice {
  const series = primarySeries(study.series);
  const modality = series?.modality ?? '';
  const text = [study.bodyPartExamined, study.studyDescription, series?.bodyPartExamined ?? '', series?.seriesDescription ?? ''].join(' ').toLowerCase();
  const protocol =
    protocols.find(
      (p) =>
        (p.modalities.length === 0 || p.modalities.includes(modality)) &&
        (p.keywords.length === 0 || p.keywords.some((k) => text.includes(k.toLowerCase()))),
    ) ?? (protocols[protocols.length - 1] as HangingProtocol);
  return { protocol, series };
}
