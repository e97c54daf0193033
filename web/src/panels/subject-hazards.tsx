import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { HazardFilter } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { HazardListQuery } from './hazard.operations';

const SHOWN = 10;

/** The open hazards of one enterprise or road segment, most overdue first; a row opens its detail. */
export function SubjectHazards({ filter, onOpen }: { filter: HazardFilter; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({
    query: HazardListQuery,
    variables: { filter: { ...filter, statuses: ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION'] }, orderBy: 'OVERDUE_DAYS_DESC', first: SHOWN },
  });
  const connection = result.data?.hazards;
  return (
    <>
      <h3>{t('detail.openHazards')} {connection && <span className="hint">{format.integer(connection.totalCount)}</span>}</h3>
      <ErrorText error={result.error} />
      {result.fetching && !connection && <p className="loading">{t('app.loading')}</p>}
      {connection?.totalCount === 0 && <p className="empty">{t('detail.noOpenHazards')}</p>}
      <ul className="subject-hazards">
        {connection?.edges.map(({ node }) => (
          <li key={node.id}>
            <button type="button" className="link" onClick={() => onOpen(node.id)}>
              {t(`hazardLevel.${node.level}`)} · {t(`status.${node.status}`)}
              {node.overdue && <span className="overdue"> · {t('detail.overdueDays', { days: node.overdueDays })}</span>}
              <span className="hint"> {node.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
