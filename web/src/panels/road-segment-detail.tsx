import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { RecordHistory } from '../history/record-history';
import { useFormat } from '../i18n/format';
import { RISK_COLORS } from '../risk-map/map-style';
import { RoadSegmentDetailQuery } from './jurisdiction.operations';
import { SubjectHazards } from './subject-hazards';

/** One road segment (道路隐患路段): chainage, class, hazard features, accidents and open hazards. */
export function RoadSegmentDetail({ id, onOpenHazard, onEdit }: { id: string; onOpenHazard: (id: string) => void; onEdit?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result] = useQuery({ query: RoadSegmentDetailQuery, variables: { id } });
  const r = result.data?.roadSegment;
  if (result.error) return <ErrorText error={result.error} />;
  if (result.fetching || !result.data) return <p className="loading">{t('app.loading')}</p>;
  if (!r) return <p className="empty">{t('detail.notFound')}</p>;
  return (
    <section className="road-segment-detail" data-testid="road-segment-detail">
      <h2>{r.roadNumber} {r.roadName}</h2>
      <p className="risk-badge"><span className="swatch" style={{ background: RISK_COLORS[r.riskLevel] }} />{t(`risk.${r.riskLevel}`)}</p>
      <dl className="fields">
        <dt>{t('road.chainage')}</dt><dd>{r.startChainage} – {r.endChainage}</dd>
        <dt>{t('road.length')}</dt><dd>{t('road.km', { km: format.decimal(r.lengthMeters / 1000) })}</dd>
        <dt>{t('road.class')}</dt><dd>{t(`road.classes.${r.roadClass}`)}</dd>
        <dt>{t('export.town')}</dt><dd>{r.town?.name}</dd>
        <dt>{t('road.features')}</dt><dd>{r.features.length ? r.features.map((f) => t(`road.featureNames.${f}`)).join('、') : '—'}</dd>
        <dt>{t('road.accidents')}</dt><dd>{format.integer(r.accidentsLast3y)}</dd>
        <dt>{t('enterprise.department')}</dt><dd>{r.department ?? '—'}</dd>
      </dl>
      {r.synthetic && <p className="hint">{t('detail.synthetic')}</p>}
      {onEdit && <button type="button" data-testid="edit-roadSegment" onClick={() => onEdit(id)}>{t('forms.edit')}</button>}
      <SubjectHazards filter={{ roadSegmentId: r.id }} onOpen={onOpenHazard} />
      <RecordHistory entries={r.history} />
    </section>
  );
}
