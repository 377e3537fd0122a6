import { useI18n } from '../i18n/i18n-context';
import { useShortcutBindings } from '../shortcuts/shortcut-context';
import { Modal } from './modal';

/** Lists every shortcut from the registry's definitions with the reader's current keys. */
export function HelpOverlay({ onClose, onCustomize }: { onClose: () => void; onCustomize?: () => void }) {
  const { t } = useI18n();
  const registry = useShortcutBindings();
  return (
    <Modal title={t('help.title')} closeLabel={t('help.close')} onClose={onClose} testId="help-overlay">
      {onCustomize && (
        <button type="button" onClick={onCustomize} data-testid="open-shortcut-settings">
          {t('shortcuts.customize')}
        </button>
      )}
      <table className="shortcut-table">
        <thead>
          <tr>
            <th>{t('help.key')}</th>
            <th>{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {registry.definitions.map((def) => (
            <tr key={def.id} data-testid={`help-row-${def.id}`}>
              <td>
                {registry.keysOf(def.id).map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </td>
              <td>{t(def.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
