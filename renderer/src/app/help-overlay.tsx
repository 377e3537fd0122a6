import { useI18n } from '../i18n/i18n-context';
import { useShortcutRegistry } from '../shortcuts/shortcut-context';
import { Modal } from './modal';

/** Lists every shortcut from the registry's definitions: the data is the documentation. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const registry = useShortcutRegistry();
  return (
    <Modal title={t('help.title')} closeLabel={t('help.close')} onClose={onClose} testId="help-overlay">
      <table className="shortcut-table">
        <thead>
          <tr>
            <th>{t('help.key')}</th>
            <th>{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {registry.definitions.map((def) => (
            <tr key={def.id}>
              <td>
                {def.keys.map((key) => (
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
