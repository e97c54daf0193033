import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useToday } from '../clock/use-today';
import { ErrorText } from '../errors/error-text';
import type { Filters } from '../filters/filters';
import type { JurisdictionPanelQuery as PanelResult } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { QUARTILE_RAMP, RANK_QUARTILE, RISK_COLORS } from '../risk-map/map-style';
import { toHazardFilter } from './hazard-filter';
import { COUNTS_HAZARDS } from './hazard.operations';
import { JurisdictionPanelQuery, PanelUnitQuery } from './jurisdiction.operations';
import { TrendChart } from './trend-chart';

type Figures = PanelResult['siblings'][number];
type YearOnYear = Figures['accidents'];

/** The first day of the month eleven months before `today` (yyyy-mm-dd). */
function yearAgo(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const months = year * 12 + (month - 1) - 11;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}-01`;
}

/** The trend's months: the filter's dates, else the twelve months up to the deployment's today. */
export function trendPeriod(filters: Filters, today: string): { trendFrom: string; trendTo: string } {
  return { trendFrom: filters.from ?? yearAgo(today), trendTo: filters.to ?? today };
}

export function Change({ figure, money }: { figure: YearOnYear; money?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const value = money ? format.decimal(figure.current / 10_000) : format.integer(figure.current);
  // More accidents, deaths or loss than a year before is worse: red up, green down.
  const change = figure.changeRate == null
    ? <span className="hint">{t('panel.noPrevious')}</span>
    : <span className={figure.changeRate > 0 ? 'up' : figure.changeRate < 0 ? 'down' : ''}>{t('panel.yoy', { change: format.change(figure.changeRate) })}</span>;
  return <><span className="value">{value}</span> {change}</>;
}

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="number" data-testid={testId}>
      <div className="label">{label}</div>
      <div>{children}</div>
    </div>
  );
}

function FiguresView({ figures, siblings }: { figures: Figures; siblings: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const zone = figures.zone === 'RED' ? 'red' : figures.zone === 'BLUE' ? 'blue' : null;
  const colours = figures.enterprisesByColour;
  return (
    <>
      <div className="score-line">
        {/* The rank quartile's colour of the map, not a risk colour: the score ranks, it does not grade. */}
        <span className="swatch" title={t(`map.quartiles.${RANK_QUARTILE[figures.riskColor]}`)} style={{ background: QUARTILE_RAMP[RANK_QUARTILE[figures.riskColor]] }} />
        <span>{t('panel.riskScore')} <strong data-testid="risk-score">{format.decimal(figures.riskScore)}</strong></span>
        {siblings > 1 && (
          <span data-testid="rank">
            {t('panel.rank', { rank: figures.rank, count: siblings })}
            {zone && <span className={`zone-${zone}`}> · {t(`panel.zone.${zone}`)}</span>}
          </span>
        )}
      </div>
      <details className="score-parts">
        <summary>{t('panel.formula')}</summary>
        <table>
          <tbody>
            {figures.riskScoreParts.filter((p) => p.weight > 0).map((p) => (
              <tr key={p.part}>
                <td>{t(`panel.parts.${p.part}`)}</td>
                <td>{format.integer(p.value)} × {format.decimal(p.weight)}</td>
                <td>{format.decimal(p.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="numbers">
        <Figure label={t('panel.open')} testId="figure-open">
          <span className="value">{format.integer(figures.openByLevel.general + figures.openByLevel.major)}</span>
          <span className="hint"> {t('panel.ofMajor', { count: figures.openByLevel.major })}</span>
        </Figure>
        <Figure label={t('panel.overdue')} testId="figure-overdue"><span className="value overdue">{format.integer(figures.overdue)}</span></Figure>
        <Figure label={t('panel.everOverdue')} testId="figure-ever-overdue"><span className="value">{format.integer(figures.everOverdue)}</span></Figure>
        <Figure label={t('panel.rectifiedLate')} testId="figure-rectified-late"><span className="value">{format.integer(figures.rectifiedLate)}</span></Figure>
        <Figure label={t('panel.listed')}><span className="value">{format.integer(figures.listed)}</span></Figure>
        <Figure label={t('panel.escalations')} testId="figure-escalations">
          <span className="value">{format.integer(figures.escalations.supervisionLetters)}</span>
          <span className="hint"> {t('panel.escalationParts', {
            written: figures.escalations.writtenExplanations, criticisms: figures.escalations.publicCriticisms,
          })}</span>
        </Figure>
        <Figure label={t('panel.rectificationRate')} testId="figure-rate">
          <span className="value">{figures.rectificationRate == null ? '—' : format.percent(figures.rectificationRate)}</span>
          <span className="hint"> {format.integer(figures.rectified)}/{format.integer(figures.found)}</span>
        </Figure>
        <Figure label={t('panel.accidents')}><Change figure={figures.accidents} /></Figure>
        <Figure label={t('panel.deaths')}><Change figure={figures.deaths} /></Figure>
        <Figure label={t('panel.injuries')}><Change figure={figures.injuries} /></Figure>
        <Figure label={t('panel.loss')}><Change figure={figures.directLoss} money /></Figure>
        <Figure label={t('panel.inspections')}><span className="value">{format.integer(figures.inspections)}</span></Figure>
        <Figure label={t('panel.enterprises')}>
          <span className="colour-counts">
            {(['red', 'orange', 'yellow', 'blue'] as const).map((c) => (
              <span key={c} title={t(`risk.${c.toUpperCase()}`)}><span className="swatch dot" style={{ background: RISK_COLORS[c.toUpperCase() as keyof typeof RISK_COLORS] }} />{format.integer(colours[c])}</span>
            ))}
          </span>
        </Figure>
      </div>
    </>
  );
}

export function SectorBars({ sectors, onPick }: { sectors: PanelResult['sectors']; onPick?: (sector: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (sectors.length === 0) return <p className="empty">{t('panel.noHazards')}</p>;
  const max = Math.max(...sectors.map((s) => s.count));
  return (
    <ul className="sector-bars" data-testid="sector-breakdown">
      {sectors.map((s) => (
        <li key={s.sector}>
          <button type="button" title={onPick ? t('panel.pickSector') : undefined} disabled={!onPick} onClick={() => onPick?.(s.sector)}>
            <span className="sector-name">{t(`sectors.${s.sector}`)}</span>
            <span className="bar"><span style={{ width: `${(100 * s.count) / max}%` }} /></span>
            <span className="sector-count">{format.integer(s.count)}{s.overdue > 0 && <span className="overdue"> / {format.integer(s.overdue)}</span>}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The selected unit (or the user's own): its figures with year-on-year change, its rank
 * among its siblings in red or blue zone, the monthly trend and the hazards per sector, all
 * under the same filters as the map and the list.
 */
export function JurisdictionPanel({ code, filters, onPickSector }: { code: string; filters: Filters; onPickSector: (sector: string) => void }) {
  const { t } = useTranslation();
  const [unitResult] = useQuery({ query: PanelUnitQuery, variables: { code } });
  const unit = unitResult.data?.jurisdiction;
  const today = useToday();
  const variables = useMemo(() => {
    const filter = toHazardFilter(filters);
    return {
      parentCode: unit?.parentCode ?? code,
      level: unit?.level ?? 'town',
      code,
      from: filters.from,
      to: filters.to,
      ...trendPeriod(filters, today ?? ''),
      // Siblings are compared under the same filter, each over its own area.
      compared: { ...filter, jurisdictionCode: null },
      filter: { ...filter, jurisdictionCode: code },
    };
  }, [unit, code, filters, today]);
  const [result] = useQuery({ query: JurisdictionPanelQuery, variables, pause: !unit || !today, context: COUNTS_HAZARDS });
  const figures = result.data?.siblings.find((s) => s.code === code);

  return (
    <section className="jurisdiction-panel" data-testid="jurisdiction-panel" aria-busy={result.fetching}>
      <h2>{unit?.name ?? ''} <span className="hint">{unit ? t(`levels.${unit.level}`) : ''}</span></h2>
      <ErrorText error={unitResult.error ?? result.error} />
      {unitResult.data && !unit && <p className="empty">{t('panel.notFound')}</p>}
      {(unitResult.fetching || (result.fetching && !result.data)) && <p className="loading">{t('app.loading')}</p>}
      {figures && result.data && (
        <>
          <FiguresView figures={figures} siblings={result.data.siblings.length} />
          <h3>{t('panel.trend')}</h3>
          <TrendChart points={result.data.trend} />
          <h3>{t('panel.bySector')} <span className="hint">{t('panel.bySectorHint')}</span></h3>
          <SectorBars sectors={result.data.sectors} onPick={onPickSector} />
        </>
      )}
    </section>
  );
}
