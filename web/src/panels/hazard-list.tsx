import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { ExportButton } from '../export/export-button';
import type { Filters } from '../filters/filters';
import type { HazardFilter, HazardOrder } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { Pager, useCursors } from '../ledgers/pager';
import { useUrlParam } from '../url-state';
import { HazardListQuery } from './hazard.operations';
import { toHazardFilter } from './hazard-filter';
import { hazardSubject } from './hazard-subject';

const PAGE = 15;
const ORDERS: readonly HazardOrder[] = ['OVERDUE_DAYS_DESC', 'FOUND_AT_DESC', 'DEADLINE_ASC', 'LEVEL_DESC'];

/**
 * The quick views people work through, each a HazardFilter the API answers: overdue by the
 * one overdue rule, "due" by the same rule a week ahead, "awaiting my verification" by what
 * the database lets this viewer do (viewerActions), listed by its listing.
 */
export const QUICK_VIEWS = {
  overdue: { overdue: true },
  dueSoon: { dueWithinDays: 7 },
  toVerify: { viewerMay: 'VERIFY_PASS' },
  listed: { listed: true },
} as const satisfies Record<string, HazardFilter>;
export type QuickView = keyof typeof QUICK_VIEWS;

const isQuickView = (value: string | null): value is QuickView => value !== null && value in QUICK_VIEWS;

/** The hazard list's own state in the URL: its quick view and search text. */
export function useHazardLedgerState() {
  const [view, setView] = useUrlParam('view');
  const [search, setSearch] = useUrlParam('q');
  return { view: isQuickView(view) ? view : null, setView, search: search?.trim() || null, setSearch };
}

/** The filter the list shows: the page's filters, the quick view and the search. */
export function hazardLedgerFilter(filters: Filters, view: QuickView | null, search: string | null): HazardFilter {
  return { ...toHazardFilter(filters), ...(view ? QUICK_VIEWS[view] : {}), search };
}

interface Props {
  filters: Filters;
  onOpen: (id: string) => void;
}

export function HazardList({ filters, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useHazardLedgerState();
  const [orderBy, setOrderBy] = useState<HazardOrder>('OVERDUE_DAYS_DESC');
  const cursors = useCursors();
  const filter = hazardLedgerFilter(filters, ledger.view, ledger.search);
  const [result] = useQuery({ query: HazardListQuery, variables: { filter, orderBy, first: PAGE, after: cursors.after } });
  const connection = result.data?.hazards;
  const [searchText, setSearchText] = useState(ledger.search ?? '');

  function search(event: FormEvent) {
    event.preventDefault();
    cursors.reset();
    ledger.setSearch(searchText.trim() || null);
  }
  const pickView = (view: QuickView | null) => {
    cursors.reset();
    ledger.setView(view);
  };

  return (
    <section className="hazard-list" data-testid="hazard-list">
      <h2>{t('list.title')} <span data-testid="hazard-total">{connection ? format.integer(connection.totalCount) : ''}</span></h2>
      <form className="search" role="search" onSubmit={search}>
        <input
          type="search" name="search" data-testid="hazard-search" maxLength={100} value={searchText}
          placeholder={t('list.searchPlaceholder')} onChange={(e) => setSearchText(e.target.value)}
        />
        <button type="submit">{t('list.search')}</button>
      </form>
      <div className="quick-views" role="group" aria-label={t('list.quickViews')}>
        {(Object.keys(QUICK_VIEWS) as QuickView[]).map((view) => (
          <button
            type="button" key={view} data-testid={`quick-${view}`} aria-pressed={ledger.view === view}
            className={ledger.view === view ? 'chip active' : 'chip'} onClick={() => pickView(ledger.view === view ? null : view)}
          >{t(`list.views.${view}`)}</button>
        ))}
      </div>
      <div className="actions" data-testid="hazard-list-toolbar">
        <label>
          {t('list.orderBy')}{' '}
          <select name="order" value={orderBy} onChange={(e) => { setOrderBy(e.target.value as HazardOrder); cursors.reset(); }}>
            {ORDERS.map((order) => <option key={order} value={order}>{t(`list.orders.${order}`)}</option>)}
          </select>
        </label>
        <ExportButton kind="hazards" filter={filter} />
      </div>
      <ErrorText error={result.error} />
      {result.fetching && !connection && <p className="loading">{t('app.loading')}</p>}
      {connection?.totalCount === 0 && <p className="empty" data-testid="hazard-empty">{t('list.empty')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('export.code')}</th><th>{t('export.description')}</th><th>{t('export.subject')}</th><th>{t('export.status')}</th>
            <th>{t('export.deadline')}</th><th>{t('export.overdueDays')}</th>
          </tr>
        </thead>
        <tbody>
          {connection?.edges.map(({ node }) => (
            <tr key={node.id} className="clickable" data-testid="hazard-row" data-code={node.code} onClick={() => onOpen(node.id)}>
              <td>{node.code}{node.level === 'MAJOR' && <span className="tag major">{t('hazardLevel.MAJOR')}</span>}</td>
              <td className="description" title={node.description}>{node.description}</td>
              <td>{hazardSubject(node)}<span className="hint"> {node.town?.name}</span></td>
              <td data-testid="hazard-status">{t(`status.${node.status}`)}</td>
              <td>
                {node.deadline ? format.date(node.deadline) : '—'}
                {/* Only in the "due" view does the API vouch that the days left are a countdown. */}
                {ledger.view === 'dueSoon' && node.daysToDeadline != null && <span className="hint"> {t('list.daysLeft', { days: node.daysToDeadline })}</span>}
              </td>
              <td className={node.overdue ? 'overdue' : ''} data-testid="hazard-overdue-days">{node.overdue ? format.integer(node.overdueDays) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager cursors={cursors} pageInfo={connection?.pageInfo} />
    </section>
  );
}
