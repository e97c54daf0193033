import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { RecordHistory } from '../history/record-history';
import { useFormat } from '../i18n/format';
import { RISK_COLORS } from '../risk-map/map-style';
import { EnterpriseDetailQuery } from './jurisdiction.operations';
import { SubjectHazards } from './subject-hazards';

/** One enterprise (生产经营单位): its four-colour risk, installations, standardisation and open hazards. */
export function EnterpriseDetail({ id, onOpenHazard, onEdit }: { id: string; onOpenHazard: (id: string) => void; onEdit?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: EnterpriseDetailQuery, variables: { id } });
  const e = result.data?.enterprise;
  if (result.error) return <ErrorText error={result.error} />;
  if (result.fetching || !result.data) return <p className="loading">{t('app.loading')}</p>;
  if (!e) return <p className="empty">{t('detail.notFound')}</p>;
  return (
    <section className="enterprise-detail" data-testid="enterprise-detail">
      <h2>{e.name}</h2>
      <p className="risk-badge"><span className="swatch" style={{ background: RISK_COLORS[e.riskLevel] }} />{t(`risk.${e.riskLevel}`)}</p>
      <dl className="fields">
        <dt>{t('enterprise.creditCode')}</dt><dd>{e.creditCode}</dd>
        <dt>{t('export.sector')}</dt><dd>{t(`sectors.${e.sector}`)}</dd>
        <dt>{t('export.town')}</dt><dd>{e.town?.name}</dd>
        <dt>{t('enterprise.address')}</dt><dd>{e.address ?? '—'}</dd>
        <dt>{t('enterprise.status')}</dt><dd>{t(`enterprise.statuses.${e.status}`)}</dd>
        <dt>{t('enterprise.majorHazard')}</dt><dd>{e.majorHazardGrade ? t('enterprise.grade', { grade: e.majorHazardGrade }) : t('enterprise.none')}</dd>
        <dt>{t('enterprise.standardization')}</dt><dd>{t(`enterprise.standardizationGrades.${e.standardizationGrade}`)}</dd>
        <dt>{t('enterprise.employees')}</dt><dd>{format.integer(e.employeeCount)}</dd>
        <dt>{t('enterprise.department')}</dt><dd>{e.department ?? '—'}</dd>
        {e.contactName && <><dt>{t('enterprise.contact')}</dt><dd>{e.contactName} {e.contactPhone}</dd></>}
      </dl>
      {e.synthetic && <p className="hint">{t('detail.synthetic')}</p>}
      {onEdit && <button type="button" data-testid="edit-enterprise" onClick={() => onEdit(id)}>{t('forms.edit')}</button>}
      <SubjectHazards filter={{ enterpriseId: e.id }} onOpen={onOpenHazard} />
      <RecordHistory entries={e.history} />
    </section>
  );
}
