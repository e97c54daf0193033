import { useTranslation } from 'react-i18next';
import { setToken } from '../auth/token-store';
import { BOUNDARY_IMPORT_PATH } from '../boundaries/boundary-import-path';
import type { MeQuery } from '../gql/graphql';
import { LanguageSwitch } from '../language-switch';
import { LiveStatus } from '../live/live-status';
import { NotificationBell } from '../notifications/notification-bell';

/** Roles that may run their own GraphQL queries (the analysts' explorer). */
const EXPLORER_ROLES = new Set(['analyst', 'admin']);

/**
 * The bar above every signed-in page: who is signed in, the explorer for analysts, the
 * notifications (opening a hazard where the page can), the live connection, language, sign-out.
 */
export function TopBar({ user, onOpenHazard }: { user: MeQuery['me'] | undefined; onOpenHazard?: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <h1>{t('app.title')}</h1>
      {user && <span className="user" data-testid="user">{user.displayName ?? user.username} · {t(`roles.${user.role}`)}</span>}
      {user && EXPLORER_ROLES.has(user.role) && <a href="/explorer" target="_blank" rel="noreferrer">{t('app.explorer')}</a>}
      {user?.role === 'admin' && <a href={BOUNDARY_IMPORT_PATH} data-testid="boundary-import-link">{t('app.boundaryImport')}</a>}
      {user && onOpenHazard && <NotificationBell onOpenHazard={onOpenHazard} />}
      {user && <LiveStatus />}
      <LanguageSwitch />
      <button type="button" onClick={() => setToken(null)}>{t('app.signOut')}</button>
    </header>
  );
}
