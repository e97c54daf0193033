import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { useFormat } from '../i18n/format';
import { hazardSubject } from '../panels/hazard-subject';
import { InspectionDetailQuery } from './ledgers.operations';

interface Props {
  id: string;
  onOpenHazard: (id: string) => void;
  onOpenEnterprise: (id: string) => void;
}

/** One inspection (执法检查): who inspected what, the enforcement taken and the hazards it found. */
export function InspectionDetail({ id, onOpenHazard, onOpenEnterprise }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: InspectionDetailQuery, variables: { id } });
  const inspection = result.data?.inspection;
  if (result.error) return <ErrorText error={result.error} />;
  if (result.fetching || !result.data) return <p className="loading">{t('app.loading')}</p>;
  if (!inspection) return <p className="empty">{t('detail.notFound')}</p>;
  return (
    <section className="inspection-detail" data-testid="inspection-detail">
      <h2>{t(`inspectionKinds.${inspection.kind}`)} · {format.date(inspection.inspectedOn)}</h2>
      <dl className="fields">
        <dt>{t('ledgers.inspections.enterprise')}</dt>
        <dd>{inspection.enterprise
          ? <button type="button" className="link" onClick={() => onOpenEnterprise(inspection.enterprise!.id)}>{inspection.enterprise.name}</button>
          : '—'}</dd>
        <dt>{t('export.town')}</dt><dd>{inspection.town?.name}</dd>
        <dt>{t('export.sector')}</dt><dd>{t(`sectors.${inspection.sector}`)}</dd>
        <dt>{t('enterprise.department')}</dt><dd>{inspection.department}</dd>
        <dt>{t('ledgers.inspections.inspectors')}</dt><dd>{inspection.inspectors.join('、')}</dd>
        {inspection.summary && <><dt>{t('ledgers.inspections.summary')}</dt><dd>{inspection.summary}</dd></>}
      </dl>
      <h3>{t('ledgers.inspections.enforcement')}</h3>
      {inspection.enforcementActions.length === 0 && <p className="empty">{t('enterprise.none')}</p>}
      <ul data-testid="inspection-enforcement">
        {inspection.enforcementActions.map((action) => (
          <li key={action.id}>
            {t(`enforcementKinds.${action.kind}`)}
            {action.fineAmountYuan != null && ` ${t('ledgers.inspections.fine', { amount: format.decimal(action.fineAmountYuan) })}`}
            {action.note && <span className="hint"> {action.note}</span>}
          </li>
        ))}
      </ul>
      <h3>{t('ledgers.inspections.findings')} <span className="hint">{format.integer(inspection.findings.length)}</span></h3>
      <ul className="subject-hazards" data-testid="inspection-findings">
        {inspection.findings.map((hazard) => (
          <li key={hazard.id}>
            <button type="button" className="link" onClick={() => onOpenHazard(hazard.id)}>
              {hazard.code} · {t(`status.${hazard.status}`)}
              {hazard.overdue && <span className="overdue"> · {t('detail.overdueDays', { days: hazard.overdueDays })}</span>}
              <span className="hint"> {hazard.description} · {hazardSubject(hazard)}</span>
            </button>
          </li>
        ))}
      </ul>
      {inspection.synthetic && <p className="hint">{t('detail.synthetic')}</p>}
    </section>
  );
}
