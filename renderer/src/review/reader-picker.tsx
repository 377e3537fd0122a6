// Who is reading: the local reader profiles (name and role) and the current one. Real sign-in
// comes later; the role decides who may finalise a report.
import { useState } from 'react';
import type { MessageKey } from '../../../electron/shared/i18n';
import { type ReaderProfiles, USER_ROLES, type UserRole } from '../../../electron/shared/reports';
import { call, useClient } from '../app/client-context';
import { useI18n } from '../i18n/i18n-context';

export function ReaderPicker({ profiles, onChanged }: { profiles: ReaderProfiles; onChanged(): void }) {
  const { t } = useI18n();
  const client = useClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('radiologist');
  const [adding, setAdding] = useState(profiles.users.length === 0);
  return (
    <div className="review-reader" data-testid="review-reader">
      <label className="review-field">
        <span>{t('review.reader')}</span>
        <select
          value={profiles.currentUserId ?? ''}
          data-testid="review-reader-select"
          onChange={async (e) => {
            if (e.target.value && (await call(client, 'review:setCurrentUser', { id: Number(e.target.value) }))) onChanged();
          }}
        >
          <option value="" disabled>
            {t('review.noReader')}
          </option>
          {profiles.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {t(`review.role.${u.role}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setAdding((a) => !a)} data-testid="review-reader-new">
          {t('review.newReader')}
        </button>
      </label>
      {adding && (
        <form
          className="review-form"
          onSubmit={async (e) => {
            e.preventDefault();
            const user = await call(client, 'review:createUser', { name, role });
            if (!user) return;
            await call(client, 'review:setCurrentUser', { id: user.id });
            setName('');
            setAdding(false);
            onChanged();
          }}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('review.readerName')} maxLength={100} required data-testid="review-reader-name" />
          <select value={role} onChange={(e) => setRole(e.target.value as UserRole)} data-testid="review-reader-role">
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`review.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="review-reader-create">
            {t('review.create')}
          </button>
        </form>
      )}
    </div>
  );
}
