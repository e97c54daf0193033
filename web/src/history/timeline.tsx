import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/** One line of a timeline, already in words: what happened, its details, the note. */
export interface TimelineItem {
  id: string;
  at: string;
  actorName: string | null;
  title: string;
  details?: string[];
  note?: string | null;
}

/**
 * A history as the ledger reads it: when, who (their real name; 系统 for the system),
 * what happened and why. Shared by hazards, enterprises, road segments and accidents.
 */
export function Timeline({ items, testId }: { items: TimelineItem[]; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return <p className="empty">{t('history.empty')}</p>;
  return (
    <ol className="timeline" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id}>
          <strong>{format.dateTime(item.at)}</strong> <span className="actor">{item.actorName ?? t('detail.system')}</span>
          {' · '}<span className="event">{item.title}</span>
          {item.details && item.details.length > 0 && (
            <ul className="changes">{item.details.map((d) => <li key={d}>{d}</li>)}</ul>
          )}
          {item.note && <div className="hint">{item.note}</div>}
        </li>
      ))}
    </ol>
  );
}
