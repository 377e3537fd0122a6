import type { MessageKey } from '../../../electron/shared/i18n';
import type { InstalledModel } from '../../../electron/shared/model-manifest';
import { useI18n } from '../i18n/i18n-context';
import { cssColor, type EnableBlock, formatInstalledAt, legendLabels, modelKey, shortHash } from './model-list';

export interface ModelRowProps {
  model: InstalledModel;
  active: boolean;
  block: EnableBlock;
  confirmingRemove: boolean;
  onSelect(): void;
  onOpenCard(): void;
  onToggle(): void;
  onAskRemove(): void;
  onConfirmRemove(): void;
  onCancelRemove(): void;
}

/** One installed version: what it is for, its licence, its label colours, its hash, and its switch. */
export function ModelRow(props: ModelRowProps) {
  const { t, language } = useI18n();
  const { model, block } = props;
  const m = model.manifest;
  const key = modelKey(model);
  const lang = language;
  return (
    <li
      id={`model-option-${key}`}
      role="option"
      aria-selected={props.active}
      className={`model-row${props.active ? ' active' : ''}`}
      data-testid={`model-row-${key}`}
      onClick={props.onSelect}
    >
      <div className="model-row-head">
        <strong className="model-name" data-testid={`model-name-${key}`}>
          {m.name[lang]}
        </strong>
        {m.experimental && <span className="model-badge experimental">{t('models.experimental')}</span>}
        <code className="muted">
          {m.id} {m.version}
        </code>
        <span className="spacer" />
        <label className="model-switch" title={block ? t('models.experimentalBlocked') : undefined}>
          <input
            type="checkbox"
            role="switch"
            data-testid={`model-enabled-${key}`}
            checked={model.enabled}
            disabled={block !== null}
            onChange={props.onToggle}
          />{' '}
          {t('models.enabled')}
        </label>
      </div>
      {block === 'experimentalOff' && (
        <p className="model-block" data-testid={`model-enable-blocked-${key}`}>
          {t('models.experimentalBlocked')}
        </p>
      )}
      <dl className="model-facts">
        <dt>{t('models.task')}</dt>
        <dd>{t(`models.task.${m.task}` as MessageKey)}</dd>
        <dt>{t('models.pipeline')}</dt>
        <dd>{t(`models.pipeline.${m.pipeline}` as MessageKey)}</dd>
        <dt>{t('models.intendedUse')}</dt>
        <dd>{m.intendedUse[lang]}</dd>
        <dt>{t('models.license')}</dt>
        <dd>
          {m.license.spdx} — {m.license.attribution}
        </dd>
        <dt>{t('models.sha256')}</dt>
        <dd>
          <code title={m.sha256} data-testid={`model-sha-${key}`}>
            {shortHash(m.sha256)}…
          </code>
        </dd>
        <dt>{t('models.installedAt')}</dt>
        <dd title={model.installedAt}>{formatInstalledAt(model.installedAt, language)}</dd>
        <dt>{t('models.labels')}</dt>
        <dd>
          <ul className="model-legend" aria-label={t('models.labels')}>
            {legendLabels(model).map((label) => (
              <li key={label.index}>
                <span className="swatch" style={{ background: cssColor(label) }} aria-hidden="true" />
                {label.name[lang]}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <div className="model-actions">
        <button type="button" data-testid={`model-card-open-${key}`} onClick={props.onOpenCard}>
          {t('models.showCard')}
        </button>
        {props.confirmingRemove ? (
          <span className="model-confirm" role="alert">
            {t('models.removeConfirm')}{' '}
            <button type="button" className="danger" data-testid={`model-remove-confirm-${key}`} onClick={props.onConfirmRemove}>
              {t('models.remove')}
            </button>{' '}
            <button type="button" onClick={props.onCancelRemove}>
              {t('models.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" data-testid={`model-remove-${key}`} onClick={props.onAskRemove}>
            {t('models.remove')}
          </button>
        )}
      </div>
    </li>
  );
}
