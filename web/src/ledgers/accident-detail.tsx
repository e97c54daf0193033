import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { RecordHistory } from '../history/record-history';
import { useFormat } from '../i18n/format';
import { AccidentDetailQuery } from './ledgers.operations';

/** One accident (生产安全事故): casualties, loss, its Decree 493 grade and its reports (上报, 补报). */
export function AccidentDetail({ id, onOpenEnterprise }: { id: string; onOpenEnterprise: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: AccidentDetailQuery, variables: { id } });
  const accident = result.data?.accident;
  if (result.error) return <ErrorText error={result.error} />;
  if (result.fetching || !result.data) return <p className="loading">{t('app.loading')}</p>;
  if (!accident) return <p className="empty">{t('detail.notFound')}</p>;
  return (
    <section className="accident-detail" data-testid="accident-detail">
      <h2><span data-testid="accident-detail-grade">{t(`accidentGrades.${accident.grade}`)}</span> · {format.dateTime(accident.occurredAt)}</h2>
      <p>{accident.description}</p>
      <dl className="fields">
        <dt>{t('ledgers.inspections.enterprise')}</dt>
        <dd>{accident.enterprise
          ? <button type="button" className="link" onClick={() => onOpenEnterprise(accident.enterprise!.id)}>{accident.enterprise.name}</button>
          : '—'}</dd>
        <dt>{t('export.town')}</dt><dd>{accident.town?.name}</dd>
        <dt>{t('export.sector')}</dt><dd>{t(`sectors.${accident.sector}`)}</dd>
        <dt>{t('ledgers.accidents.deaths')}</dt><dd>{format.integer(accident.deaths)}</dd>
        <dt>{t('ledgers.accidents.injuries')}</dt><dd>{format.integer(accident.seriousInjuries)}</dd>
        <dt>{t('history.fields.directLossYuan')}</dt><dd>{format.decimal(accident.directLossYuan)}</dd>
        <dt>{t('history.fields.reportedAt')}</dt>
        <dd className={accident.reportedLate ? 'overdue' : ''}>
          {accident.reportedAt ? format.dateTime(accident.reportedAt) : t('ledgers.accidents.unreported')}
          {accident.reportedLate && ` · ${t('ledgers.accidents.reportedLate')}`}
        </dd>
      </dl>
      {accident.synthetic && <p className="hint">{t('detail.synthetic')}</p>}
      <RecordHistory entries={accident.history} />
    </section>
  );
}
