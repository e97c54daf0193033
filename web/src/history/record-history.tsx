import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryEntryFieldsFragment } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { Timeline, type TimelineItem } from './timeline';

type Format = ReturnType<typeof useFormat>;

/**
 * How a changed value reads: enumerations through the same translations as the detail
 * panels, moments and dates in the language's format, lists joined, empty as —.
 */
function valueText(field: string, value: unknown, t: TFunction, format: Format): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(field, v, t, format)).join('、') : '—';
  const text = String(value);
  const enumKey: Record<string, string> = {
    riskLevel: 'risk', status: 'enterprise.statuses', standardizationGrade: 'enterprise.standardizationGrades',
    sector: 'sectors', roadClass: 'road.classes', features: 'road.featureNames', sectors: 'sectors', role: 'roles', level: 'supervisionLevel',
  };
  if (enumKey[field]) return t(`${enumKey[field]}.${text}`, { defaultValue: text });
  if (field === 'active') return t(value ? 'history.yes' : 'history.no');
  if (field === 'majorHazardGrade') return t('enterprise.grade', { grade: text });
  if (typeof value === 'number') return format.decimal(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return format.date(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return format.dateTime(text);
  return text;
}

/** A record's history entries as timeline items: the event, then each field as old → new. */
export function recordTimelineItems(entries: HistoryEntryFieldsFragment[], t: TFunction, format: Format): TimelineItem[] {
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.at,
    actorName: entry.actor?.displayName ?? null,
    title: t(`history.events.${entry.event}`),
    details: entry.changes.map((c) => {
      const field = t(`history.fields.${c.field}`, { defaultValue: c.field });
      const after = valueText(c.field, c.newValue, t, format);
      return entry.event === 'CREATED'
        ? t('history.initial', { field, value: after })
        : t('history.change', { field, from: valueText(c.field, c.oldValue, t, format), to: after });
    }),
    note: entry.note,
  }));
}

/** The history of an enterprise, road segment or accident, under its heading. */
export function RecordHistory({ entries }: { entries: HistoryEntryFieldsFragment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <h3>{t('detail.history')}</h3>
      <Timeline items={recordTimelineItems(entries, t, format)} testId="record-history" />
    </>
  );
}
