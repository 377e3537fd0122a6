import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { HostKind } from '../../../electron/shared/app-info';
import { errorMessageKey } from '../../../electron/shared/i18n';
import type { InstalledModel } from '../../../electron/shared/model-manifest';
import { experimentalModelsEnabled } from '../../../electron/shared/preferences';
import type { AppErrorShape } from '../../../electron/shared/result';
import { call, useClient } from '../app/client-context';
import { Modal } from '../app/modal';
import { useI18n } from '../i18n/i18n-context';
import { MarkdownView } from './markdown-view';
import { enableBlock, modelKey, moveCursor } from './model-list';
import { ModelRow } from './model-row';
import './models-panel.css';

type InstallOutcome = { kind: 'done'; key: string; alreadyInstalled: boolean } | { kind: 'error'; error: AppErrorShape } | null;

/**
 * Installed AI models (`models:list`) with their cards, the enabled switches, install from a
 * package folder (removable media) and removal. The list is one listbox: ↑/↓ move, Enter opens
 * the card, Space toggles the switch. The desktop app picks the folder with its native dialog;
 * the web host has none, so the path is typed.
 */
export function ModelsPanel({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const { t, language } = useI18n();
  const [models, setModels] = useState<InstalledModel[] | null>(null);
  const [experimentalAllowed, setExperimentalAllowed] = useState(false);
  const [host, setHost] = useState<HostKind | null>(null);
  const [cursor, setCursor] = useState(0);
  const [cardKey, setCardKey] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<InstallOutcome>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const cardRef = useRef<HTMLElement>(null);

  const reload = useCallback(async () => {
    const list = await call(client, 'models:list', {});
    if (list) setModels(list);
    return list;
  }, [client]);

  useEffect(() => {
    void reload();
    void call(client, 'app:info', {}).then((info) => setHost(info?.host ?? null));
    void call(client, 'prefs:get', {}).then((p) => p && setExperimentalAllowed(experimentalModelsEnabled(p)));
    return client.on('prefs:changed', (p) => setExperimentalAllowed(experimentalModelsEnabled(p)));
  }, [client, reload]);

  const list = models ?? [];
  const current = list[Math.min(cursor, list.length - 1)];
  const card = list.find((m) => modelKey(m) === cardKey) ?? null;

  useEffect(() => {
    if (card) cardRef.current?.focus();
  }, [card]);

  // Once the list first arrives, it takes the focus so ↑/↓, Enter and Space work at once.
  const hasModels = list.length > 0;
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!hasModels || focusedOnce.current) return;
    focusedOnce.current = true;
    listRef.current?.focus();
  }, [hasModels]);

  const toggle = useCallback(
    async (model: InstalledModel) => {
      if (enableBlock(model, experimentalAllowed)) return;
      if (await call(client, 'models:setEnabled', { modelId: model.manifest.id, enabled: !model.enabled })) await reload();
    },
    [client, experimentalAllowed, reload],
  );

  const remove = useCallback(
    async (model: InstalledModel) => {
      setRemoving(null);
      const done = await call(client, 'models:remove', { modelId: model.manifest.id, version: model.manifest.version });
      if (!done) return;
      if (cardKey === modelKey(model)) setCardKey(null);
      await reload();
      listRef.current?.focus();
    },
    [client, cardKey, reload],
  );

  const install = async (event: FormEvent) => {
    event.preventDefault();
    const path = folder.trim();
    if (!path || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      // Not `call`: the refusal (e.g. a tampered package's hash) is shown here, beside the folder it concerns.
      const result = await client.invoke('models:install', { folder: path });
      if (!result.ok) {
        setOutcome({ kind: 'error', error: result.error });
        return;
      }
      const key = `${result.value.id}@${result.value.version}`;
      setOutcome({ kind: 'done', key, alreadyInstalled: result.value.alreadyInstalled });
      const fresh = await reload();
      const index = fresh?.findIndex((m) => modelKey(m) === key) ?? -1;
      if (index >= 0) setCursor(index);
    } finally {
      setBusy(false);
    }
  };

  const browse = async () => {
    const chosen = await call(client, 'import:choosePaths', { mode: 'folder' });
    const first = chosen?.paths[0];
    if (first) setFolder(first);
  };

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    // Keys on the switch and buttons inside a row keep their native meaning.
    if (event.target !== event.currentTarget) return;
    const next = moveCursor(cursor, event.key, list.length);
    let handled = next !== null;
    if (next !== null) setCursor(next);
    else if (event.key === 'Enter' && current) {
      setCardKey(modelKey(current));
      handled = true;
    } else if (event.key === ' ' && current) {
      void toggle(current);
      handled = true;
    }
    if (handled) {
      // The worklist and viewer bind the same arrows on window; inside this list they move the list only.
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <Modal title={t('models.title')} closeLabel={t('models.close')} onClose={onClose} testId="models-panel">
      <div className="models-panel">
        <form className="model-install" onSubmit={(e) => void install(e)}>
          <label htmlFor="model-install-folder">{t('models.installFolder')}</label>
          <div className="model-install-row">
            <input
              id="model-install-folder"
              data-testid="model-install-folder"
              value={folder}
              placeholder={t('models.installPlaceholder')}
              spellCheck={false}
              onChange={(e) => setFolder(e.target.value)}
            />
            {host === 'electron' && (
              <button type="button" data-testid="model-install-browse" onClick={() => void browse()}>
                {t('models.browse')}
              </button>
            )}
            <button type="submit" data-testid="model-install-submit" disabled={busy || folder.trim() === ''}>
              {busy ? t('models.installing') : t('models.install')}
            </button>
          </div>
          <p className="muted">{t('models.installHint')}</p>
          {outcome?.kind === 'done' && (
            <p className="model-install-done" role="status" data-testid="model-install-done">
              {outcome.alreadyInstalled ? t('models.alreadyInstalled') : t('models.installed')} <code>{outcome.key}</code>
            </p>
          )}
          {outcome?.kind === 'error' && (
            <p className="model-install-error" role="alert" data-testid="model-install-error" data-code={outcome.error.code}>
              <strong>{t(errorMessageKey(outcome.error.code))}</strong> {outcome.error.message}
            </p>
          )}
        </form>

        {models !== null && list.length === 0 && <p className="muted">{t('models.none')}</p>}
        {list.length > 0 && (
          <>
            <p className="muted">{t('models.keysHint')}</p>
            <ul
              ref={listRef}
              className="model-list"
              role="listbox"
              tabIndex={0}
              aria-label={t('models.title')}
              aria-activedescendant={current ? `model-option-${modelKey(current)}` : undefined}
              data-testid="model-list"
              onKeyDown={onListKey}
            >
              {list.map((model, index) => (
                <ModelRow
                  key={modelKey(model)}
                  model={model}
                  active={index === cursor}
                  block={enableBlock(model, experimentalAllowed)}
                  confirmingRemove={removing === modelKey(model)}
                  onSelect={() => setCursor(index)}
                  onOpenCard={() => setCardKey(modelKey(model))}
                  onToggle={() => void toggle(model)}
                  onAskRemove={() => setRemoving(modelKey(model))}
                  onConfirmRemove={() => void remove(model)}
                  onCancelRemove={() => setRemoving(null)}
                />
              ))}
            </ul>
          </>
        )}

        {card && (
          <section className="model-card" ref={cardRef} tabIndex={-1} aria-label={t('models.card')} data-testid="model-card" lang={language}>
            <header className="model-card-header">
              <h3>
                {t('models.card')} — {card.manifest.name[language]}
              </h3>
              <button
                type="button"
                data-testid="model-card-close"
                onClick={() => {
                  setCardKey(null);
                  listRef.current?.focus();
                }}
              >
                {t('models.closeCard')}
              </button>
            </header>
            {card.card ? <MarkdownView source={card.card} headingOffset={3} testId="model-card-text" /> : <p className="muted">{t('models.noCard')}</p>}
          </section>
        )}
      </div>
    </Modal>
  );
}
