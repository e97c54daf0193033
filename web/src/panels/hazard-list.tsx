import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery, type CombinedError } from 'urql';
import { useToday } from '../clock/use-today';
import { ErrorText } from '../errors/error-text';
import { exportLedger } from '../export/export-hazards';
import type { Filters } from '../filters/filters';
import type { HazardOrder, HazardRowFragment } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { HazardListQuery } from './hazard.operations';
import { toHazardFilter } from './hazard-filter';

const PAGE = 15;
/** Export reads the whole filtered ledger page by page, up to this many rows. */
const EXPORT_LIMIT = 10000;
const ORDERS: readonly HazardOrder[] = ['OVERDUE_DAYS_DESC', 'FOUND_AT_DESC', 'DEADLINE_ASC', 'LEVEL_DESC'];

export function HazardList({ filters, onOpen }: { filters: Filters; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const format = useFormat();
  const client = useClient();
  const [orderBy, setOrderBy] = useState<HazardOrder>('OVERDUE_DAYS_DESC');
  // Cursors of the pages before the current one: keyset pages have no "page n".
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = toHazardFilter(filters);
  const [result] = useQuery({ query: HazardListQuery, variables: { filter, orderBy, first: PAGE, after: cursors[cursors.length - 1] } });
  const connection = result.data?.hazards;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<CombinedError | undefined>();

  async function exportRows(kind: 'csv' | 'xlsx') {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows: HazardRowFragment[] = [];
      let after: string | null = null;
      do {
        const page = await client.query(HazardListQuery, { filter, orderBy, first: 500, after }).toPromise();
        if (!page.data) break;
        rows.push(...page.data.hazards.edges.map((e) => e.node));
        after = page.data.hazards.pageInfo.hasNextPage ? page.data.hazards.pageInfo.endCursor ?? null : null;
      } while (after && rows.length < EXPORT_LIMIT);
      const name = `${t('export.fileName')}-${today ?? ''}`;
      setExportError(await exportLedger(client, kind, rows, filter, t, format.date, name));
    } finally {
      setExporting(false);
    }
  }

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
        <button type="button" disabled={exporting} onClick={() => void exportRows('xlsx')}>{t('export.xlsx')}</button>
        <button type="button" disabled={exporting} onClick={() => void exportRows('csv')}>{t('export.csv')}</button>
      </div>
      <ErrorText error={result.error ?? exportError} />
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
