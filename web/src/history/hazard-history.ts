import type { TFunction } from 'i18next';
import type { HazardDetailQuery } from '../gql/graphql';
import type { useFormat } from '../i18n/format';
import { FORMS } from '../panels/hazard-forms';
import type { TimelineItem } from './timeline';

type Entry = NonNullable<HazardDetailQuery['hazard']>['history'][number];
type Format = ReturnType<typeof useFormat>;

/** What one hazard history entry says, in words. */
function title(entry: Entry, t: TFunction, format: Format): string {
  const status = (s: string) => t(`status.${s}`);
  switch (entry.event) {
    case 'TRANSITION': {
      const action = entry.action ? FORMS[entry.action] : undefined;
      return t('history.transition', {
        action: action ? t(`actions.${action}`) : t('history.hazardEvents.TRANSITION'),
        from: entry.fromStatus ? status(entry.fromStatus) : '—', to: status(entry.toStatus),
      });
    }
    case 'DEADLINE_EXTENDED':
      return t('history.extended', {
        from: entry.oldDeadline ? format.date(entry.oldDeadline) : '—', to: entry.newDeadline ? format.date(entry.newDeadline) : '—',
      });
    case 'LISTED':
      return entry.listing
        ? t('history.listed', {
          level: t(`supervisionLevel.${entry.listing.level}`), body: entry.listing.listingBody, deadline: format.date(entry.listing.deadline),
        })
        : t('history.hazardEvents.LISTED');
    case 'ESCALATED':
      return entry.escalation
        ? t('history.escalated', { step: t(`chaseStep.${entry.escalation.step}`), issuer: entry.escalation.issuer ?? t('detail.system') })
        : t('history.hazardEvents.ESCALATED');
    default:
      return t(`history.hazardEvents.${entry.event}`);
  }
}

/**
 * A hazard's history as timeline items: 登记, each status change by the action it was, 延期
 * with both deadlines, 挂牌督办 with level, body and deadline, 公示 and 撤销公示, and each step
 * of the escalation ladder (书面说明, 督办函, 通报批评) with the office that took it. A listing's
 * note repeats what the title says (in Chinese), so it shows only when the listing is unknown.
 */
export function hazardTimelineItems(entries: Entry[], t: TFunction, format: Format): TimelineItem[] {
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.at,
    actorName: entry.actor?.displayName ?? null,
    title: title(entry, t, format),
    details: entry.evaluation ? [t('detail.evaluation', { text: entry.evaluation })] : [],
    note: entry.event === 'LISTED' && entry.listing ? null : entry.note,
  }));
}
