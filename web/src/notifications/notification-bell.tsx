import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { useFormat } from '../i18n/format';
import { MarkNotificationsReadMutation, NotificationsQuery, UnreadNotificationCountQuery } from './notification.operations';

/** Reminders arrive with the api's sweep (every 15 minutes by default): a minute's lag is enough. */
const POLL_MS = 60_000;

/**
 * The bell in the header: the unread count of the viewer's inbox, and the list, whose items
 * open their hazard and are then marked read.
 */
export function NotificationBell({ onOpenHazard }: { onOpenHazard: (hazardId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [count, refetchCount] = useQuery({ query: UnreadNotificationCountQuery, requestPolicy: 'cache-and-network' });
  const [list, refetchList] = useQuery({ query: NotificationsQuery, pause: !open, requestPolicy: 'network-only' });
  const [marking, markRead] = useMutation(MarkNotificationsReadMutation);

  useEffect(() => {
    const timer = setInterval(() => refetchCount({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [refetchCount]);

  const mark = async (ids: string[] | null) => {
    await markRead({ ids });
    refetchCount({ requestPolicy: 'network-only' });
    if (open) refetchList({ requestPolicy: 'network-only' });
  };
  const unread = count.data?.unreadNotificationCount ?? 0;

  return (
    <div className="notification-bell">
      <button type="button" data-testid="notification-bell" aria-expanded={open} onClick={() => setOpen(!open)}
        title={t('notifications.title')} aria-label={t('notifications.unread', { count: unread })}>
        {/* Drawn, not an emoji: an office PC without an emoji font would show a box. */}
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && <span className="badge" data-testid="notification-count">{unread}</span>}
      </button>
      {open && (
        <div className="notification-list" data-testid="notification-list">
          <div className="notification-head">
            <strong>{t('notifications.title')}</strong>
            <button type="button" disabled={unread === 0 || marking.fetching} onClick={() => void mark(null)}>{t('notifications.markAllRead')}</button>
          </div>
          <ErrorText error={list.error ?? marking.error} />
          {list.data?.notifications.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
          <ul>
            {list.data?.notifications.map((item) => (
              <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                <button type="button" onClick={() => {
                  setOpen(false);
                  onOpenHazard(item.hazardId);
                  if (!item.readAt) void mark([item.id]);
                }}>
                  <span className="step">{t(`chaseStep.${item.chase.step}`)}</span> · {format.dateTime(item.createdAt)}
                  <div className="hint">{item.chase.text}</div>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
