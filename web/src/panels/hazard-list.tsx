import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { ExportButton } from '../export/export-button';
import type { Filters } from '../filters/filters';
import type { HazardOrder } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { HazardListQuery } from './hazard.operations';
import { toHazardFilter } from './hazard-filter';

const PAGE = 15;
const ORDERS: readonly HazardOrder[] = ['OVERDUE_DAYS_DESC', 'FOUND_AT_DESC', 'DEADLINE_ASC', 'LEVEL_DESC'];

export function HazardList({ filters, onOpen }: { filters: Filters; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [orderBy, setOrderBy] = useState<HazardOrder>('OVERDUE_DAYS_DESC');
  // Cursors of the pages before the current one: keyset pages have no "page n".
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = toHazardFilter(filters);
  const [result] = useQuery({ query: HazardListQuery, variables: { filter, orderBy, first: PAGE, after: cursors[cursors.length - 1] } });
  const connection = result.data?.hazards;
  return (
    <section className="hazard-list" data-testid="hazard-list">
      <h2>{t('list.title')} <span data-testid="hazard-total">{connection ? format.integer(connection.totalCount) : ''}</span></h2>
      <div className="actions">
        <label>
          {t('list.orderBy')}{' '}
          <select name="order" value={orderBy} onChange={(e) => { setOrderBy(e.target.value as HazardOrder); setCursors([null]); }}>
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
          <tr><th>{t('export.code')}</th><th>{t('export.town')}</th><th>{t('export.level')}</th><th>{t('export.status')}</th><th>{t('export.overdueDays')}</th></tr>
        </thead>
        <tbody>
          {connection?.edges.map(({ node }) => (
            <tr key={node.id} className="clickable" data-testid="hazard-row" onClick={() => onOpen(node.id)}>
              <td title={node.description}>{node.code}</td>
              <td>{node.town?.name}</td>
              <td>{t(`hazardLevel.${node.level}`)}</td>
              <td data-testid="hazard-status">{t(`status.${node.status}`)}</td>
              <td className={node.overdue ? 'overdue' : ''}>{node.overdue ? format.integer(node.overdueDays) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>{t('list.previous')}</button>
        <span>{t('list.page', { page: cursors.length })}</span>
        <button type="button" disabled={!connection?.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, connection!.pageInfo.endCursor ?? null])}>{t('list.next')}</button>
      </div>
    </section>
  );
}
