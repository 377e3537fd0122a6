// The AI panel of the viewer: the analyses of the series on screen (model, warnings), a toggle and
// an opacity slider per overlay layer, the legend (label colours and names in the current
// language; a colour bar with unit and range for parametric and heat maps), and the findings
// list. Choosing a finding (click, Enter, or N / Shift+N) jumps every view to its centre. Every
// AI item reads as a suggestion until a physician reviews it (ARCHITECTURE §7).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { AnalysisResult, Finding } from '../../../../electron/shared/ai-results';
import type { MessageKey } from '../../../../electron/shared/i18n';
import { findingKey } from '../../../../electron/shared/reports';
import { call, useClient } from '../../app/client-context';
import { errorStore } from '../../app/error-store';
import { useI18n } from '../../i18n/i18n-context';
import { useShortcut } from '../../shortcuts/shortcut-context';
import type { ViewerEngine } from '../engine/viewer-engine';
import { fetchOutputLayer } from './analysis-loader';
import { colorBarGradient } from './color-maps';
import { findingName, formatProbability, formatRange, formatSize, formatVolume } from './finding-format';
import type { OverlayLayer } from './overlay-layer';
import './ai-overlays.css';

function LayerLegend({ layer }: { layer: OverlayLayer }) {
  const { language } = useI18n();
  const output = layer.output;
  if (output.kind === 'labelmap') {
    const labels = Object.entries(output.labels ?? {}).filter(([value]) => value !== '0');
    return (
      <ul className="ai-legend">
        {labels.map(([value, label]) => (
          <li key={value} data-testid="ai-legend-label">
            <span className="swatch" style={{ background: `rgb(${label.color.join(', ')})` }} />
            {label.name[language]}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="ai-colorbar" data-testid="ai-colorbar">
      <span className="bar" style={{ background: colorBarGradient(output.colorMap ?? (output.kind === 'heatmap' ? 'hot' : 'jet')).replace('to top', 'to right') }} />
      <span className="range">{formatRange(output.displayRange, output.unit)}</span>
    </div>
  );
}

function FindingRow({ finding, selected, onChoose }: { finding: Finding; selected: boolean; onChoose(): void }) {
  const { t, language } = useI18n();
  const facts = [
    formatSize(finding),
    formatVolume(finding.volumeMl),
    finding.probability !== undefined ? `${t('ai.probability')} ${formatProbability(finding.probability)}` : null,
    finding.side ? t(`ai.side.${finding.side}` as MessageKey) : null,
    finding.locationName?.[language] ?? finding.location ?? null,
  ].filter((f): f is string => !!f);
  return (
    <li aria-selected={selected} data-testid="ai-finding" data-finding-id={finding.id}>
      <button type="button" className="ai-finding-jump" onClick={onChoose}>
        <span className="ai-finding-type">{t(`ai.findingType.${finding.type}` as MessageKey)}</span> {findingName(finding, language)}
        <span className="ai-finding-facts">{facts.join(' · ')}</span>
        {finding.lowConfidence && (
          <span className="ai-low-confidence" data-testid="ai-low-confidence">
            {t('ai.lowConfidence')}
          </span>
        )}
      </button>
    </li>
  );
}

export function AiPanel({ engine, studyInstanceUID, seriesInstanceUID }: { engine: ViewerEngine; studyInstanceUID: string; seriesInstanceUID: string | null }) {
  const { t, language } = useI18n();
  const client = useClient();
  const ai = engine.ai;
  useSyncExternalStore(
    useCallback((l: () => void) => ai.subscribe(l), [ai]),
    () => ai.version,
  );
  const [analyses, setAnalyses] = useState<AnalysisResult[] | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    setAnalyses(null);
    ai.clear();
    if (!seriesInstanceUID) return;
    let cancelled = false;
    void (async () => {
      const results = await call(client, 'ai:results', { studyInstanceUID, seriesInstanceUID });
      if (cancelled || !results) return;
      const layers: OverlayLayer[] = [];
      for (const analysis of results) {
        for (let index = 0; index < analysis.outputs.length; index++) {
          try {
            layers.push(await fetchOutputLayer(analysis, index));
          } catch (error) {
            const e = error as { message?: string };
            errorStore.push({ code: 'IO_ERROR', message: e.message ?? String(error) }, 'ai:results');
          }
        }
      }
      if (cancelled) return;
      setAnalyses(results);
      ai.setContent(
        layers,
        results.flatMap((r) => r.findings.map((f) => ({ ...f, id: results.length > 1 ? `${r.analysisId}-${f.id}` : f.id, reviewKey: findingKey({ analysisId: r.analysisId, findingId: f.id }) }))),
      );
    })();
    return () => {
      cancelled = true;
    };
  }, [ai, client, studyInstanceUID, seriesInstanceUID, reloads]);

  // A job of this study finishing while it is open brings its results in.
  useEffect(
    () => client.on('ai:jobFinished', (e) => e.studyInstanceUID === studyInstanceUID && e.state === 'done' && setReloads((n) => n + 1)),
    [client, studyInstanceUID],
  );

  const choose = useCallback(
    (finding: Finding) => {
      ai.select(finding.id);
      const box = finding.boundsLPS;
      const center = finding.centerLPS ?? (box ? ([0, 1, 2].map((a) => (box[0][a]! + box[1][a]!) / 2) as [number, number, number]) : null);
      if (center) engine.jumpTo(center);
    },
    [ai, engine],
  );
  const step = useCallback(
    (delta: number) => {
      const list = ai.findings;
      if (list.length === 0) return;
      const at = list.findIndex((f) => f.id === ai.selectedFindingId);
      const next = list[at < 0 ? (delta > 0 ? 0 : list.length - 1) : (at + delta + list.length) % list.length]!;
      choose(next);
    },
    [ai, choose],
  );
  useShortcut('viewer.nextFinding', useCallback(() => step(1), [step]));
  useShortcut('viewer.prevFinding', useCallback(() => step(-1), [step]));
  useShortcut('viewer.aiOverlays', useCallback(() => ai.toggleEnabled(), [ai]));

  return (
    <aside className="ai-panel" data-testid="ai-panel" aria-label={t('ai.title')}>
      <h2>
        {t('ai.title')}
        <label className="ai-master" title="Shift+A">
          <input type="checkbox" checked={ai.enabled} onChange={() => ai.toggleEnabled()} data-testid="ai-master-toggle" /> {t('ai.show')}
        </label>
      </h2>
      {analyses === null && seriesInstanceUID && <p className="muted">{t('ai.loading')}</p>}
      {analyses?.length === 0 && <p className="muted">{t('ai.none')}</p>}
      {analyses && analyses.length > 0 && <p className="ai-suggestion">{t('ai.suggestion')}</p>}
      {analyses?.map((analysis) => (
        <section key={analysis.analysisId} className="ai-analysis" data-testid="ai-analysis">
          <div className="ai-model">
            {analysis.model.id} {analysis.model.version}
          </div>
          {analysis.warnings.map((w) => (
            <div key={w} className="warn">
              {w}
            </div>
          ))}
          {ai.layers
            .filter((l) => l.analysisId === analysis.analysisId)
            .map((layer) => (
              <div key={layer.id} className="ai-layer" data-testid="ai-layer" data-layer={layer.output.name}>
                <label>
                  <input type="checkbox" checked={layer.visible} onChange={(e) => ai.setLayerVisible(layer.id, e.target.checked)} data-testid="ai-layer-toggle" />{' '}
                  {t(`ai.kind.${layer.output.kind}` as MessageKey)} · {layer.output.name}
                </label>
                <label className="ai-opacity">
                  {t('ai.opacity')}
                  <input
                    type="range"
                    min={0}
                    max={100}
                    value={Math.round(layer.opacity * 100)}
                    onChange={(e) => ai.setLayerOpacity(layer.id, Number(e.target.value) / 100)}
                    data-testid="ai-layer-opacity"
                  />
                </label>
                <LayerLegend layer={layer} />
              </div>
            ))}
          {analysis.measurements.length > 0 && (
            <table className="ai-measurements">
              <tbody>
                {analysis.measurements.map((m) => (
                  <tr key={m.name}>
                    <td>{m.label ? m.label[language] : m.name}</td>
                    <td>
                      {m.value.toFixed(2)} {m.unit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {analyses && analyses.length > 0 && (
        <>
          <h3>{t('ai.findings')}</h3>
          {ai.findings.length === 0 && <p className="muted">{t('ai.noFindings')}</p>}
          <ul className="ai-findings">
            {ai.findings.map((f) => (
              <FindingRow key={f.id} finding={f} selected={ai.selectedFindingId === f.id} onChoose={() => choose(f)} />
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
