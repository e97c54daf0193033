import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';
import { useFormat } from '../i18n/format';
import { Pager, type useCursors } from './pager';

interface Props {
  kind: 'enterprises' | 'inspections' | 'accidents';
  connection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } | undefined;
  fetching: boolean;
  error: CombinedError | undefined;
  cursors: ReturnType<typeof useCursors>;
  /** Tools that act on the list's current filter (exports), beside the list's own. */
  toolbar?: ReactNode;
  /** The list's own narrowing (a search box), above the toolbar. */
  children?: ReactNode;
  head: ReactNode;
  rows: ReactNode;
}

/** What every record ledger shares: the title with the count, a toolbar, the table and its pages. */
export function LedgerFrame({ kind, connection, fetching, error, cursors, toolbar, children, head, rows }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="ledger" data-testid={`ledger-${kind}`}>
      <h2>{t(`ledgers.${kind}.title`)} <span data-testid="ledger-total">{connection ? format.integer(connection.totalCount) : ''}</span></h2>
      {children}
      <div className="actions" data-testid={`ledger-${kind}-toolbar`}>{toolbar}</div>
      <ErrorText error={error} />
      {fetching && !connection && <p className="loading">{t('app.loading')}</p>}
      {connection?.totalCount === 0 && <p className="empty" data-testid="ledger-empty">{t(`ledgers.${kind}.empty`)}</p>}
      <table>
        <thead><tr>{head}</tr></thead>
        <tbody>{rows}</tbody>
      </table>
      <Pager cursors={cursors} pageInfo={connection?.pageInfo} />
    </section>
  );
}
