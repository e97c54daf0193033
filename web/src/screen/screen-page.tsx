import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { setToken } from '../auth/token-store';
import { RankingBoard } from '../board/ranking-board';
import { useToday } from '../clock/use-today';
import type { ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { parseFilters } from '../filters/filters';
import type { JurisdictionLevel } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { toHazardFilter } from '../panels/hazard-filter';
import { COUNTS_HAZARDS } from '../panels/hazard.operations';
import { Change, SectorBars, trendPeriod } from '../panels/jurisdiction-panel';
import { JurisdictionPanelQuery, PanelUnitQuery } from '../panels/jurisdiction.operations';
import { TrendChart } from '../panels/trend-chart';
import { BoundariesQuery, MeQuery } from '../risk-map/risk-map.operations';
import { RiskMap, type MapLayers } from '../risk-map/risk-map';
import { isWithin } from '../risk-map/scope';
import { useMapData } from '../risk-map/use-map-data';
import { LiveStatus } from '../live/live-status';
import { refreshSeconds, useAutoRefresh } from './use-auto-refresh';

/** The board's columns that fit beside the map at a readable size. */
const SCREEN_COLUMNS = ['rank', 'name', 'overdue', 'everOverdue', 'rectificationRate', 'openMajor', 'riskScore', 'zone'];
/** Rows that fit the screen's height without a scroll bar; the CSV of the desk's board has them all. */
const SCREEN_ROWS = 16;

const noop = () => undefined;

/**
 * 大屏: one jurisdiction for the meeting room's wall, at /screen?unit=<code> (the viewer's own
 * by default; `level`, `refresh` in seconds and the map's filters such as `from`, `to` and
 * `sector` in the URL too). Dark, no controls, type sized by the screen's width so 1920×1080
 * and 3840×2160 look alike; everything refreshes itself (use-auto-refresh.ts).
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const filters = useMemo(() => ({ ...parseFilters(window.location.search), jurisdictionCode: null }), []);
  const [me] = useQuery({ query: MeQuery });
  const code = params.get('unit') ?? me.data?.me?.jurisdictionCode ?? null;
  const { signal, refreshedAt } = useAutoRefresh(refreshSeconds(params));
  const [tileError, setTileError] = useState<ErrorCode | null>(null);

  const [unitResult] = useQuery({ query: PanelUnitQuery, variables: { code: code ?? '' }, pause: !code });
  const unit = unitResult.data?.jurisdiction;
  const childLevel: JurisdictionLevel = params.get('level') === 'town' || unit?.level === 'county' ? 'town' : 'county';
  const [boundaries] = useQuery({ query: BoundariesQuery });
  const units = useMemo(() => {
    const inUnit = <T extends { code: string }>(list: readonly T[] | undefined) => (list ?? []).filter((u) => code !== null && isWithin(u.code, code));
    return { counties: inUnit(boundaries.data?.counties), towns: inUnit(boundaries.data?.towns) };
  }, [boundaries.data, code]);

  const layers: MapLayers = useMemo(() => ({
    choropleth: true, choroplethLevel: childLevel, metric: 'overdueCount', heatmap: false, enterprises: false, roads: false, overdue: false,
  }), [childLevel]);
  const map = useMapData({ filters, layers, view: null, choroplethParent: unit ? code : null, townsOnly: childLevel === 'town', refreshSignal: signal });

  const today = useToday();
  const filter = useMemo(() => toHazardFilter(filters), [filters]);
  const compared = useMemo(() => ({ ...filter, jurisdictionCode: null }), [filter]);
  const variables = useMemo(() => ({
    parentCode: unit?.parentCode ?? code ?? '', level: unit?.level ?? 'town', code: code ?? '',
    from: filters.from, to: filters.to, ...trendPeriod(filters, today ?? ''),
    compared, filter: { ...filter, jurisdictionCode: code },
  }), [unit, code, filters, filter, compared, today]);
  const [panel, refetchPanel] = useQuery({ query: JurisdictionPanelQuery, variables, pause: !unit || !today, context: COUNTS_HAZARDS });
  useEffect(() => {
    if (signal > 0) refetchPanel({ requestPolicy: 'network-only' });
  }, [signal, refetchPanel]);
  const figures = panel.data?.siblings.find((s) => s.code === code);

  return (
    <div className="screen" data-testid="screen" data-refreshed={signal}>
      <header className="screen-header">
        <h1>{unit?.name ?? ''} · {t('screen.title')}</h1>
        {/* The figures' period: jurisdictionStats' default unless the URL gives one. */}
        {today && <span>{t('screen.period', { from: format.date(filters.from ?? `${today.slice(0, 4)}-01-01`), to: format.date(filters.to ?? today) })}</span>}
        <span className="screen-updated" data-testid="screen-updated">
          {t('screen.updated', { time: format.dateTime(refreshedAt.toISOString()) })} · {t('screen.refreshEvery', { seconds: refreshSeconds(params) })}
        </span>
        <LiveStatus />
      </header>
      <ErrorText error={me.error ?? unitResult.error ?? boundaries.error ?? panel.error ?? map.error} code={tileError} />
      {((me.data && !code) || (unitResult.data && !unit)) && <p className="empty">{t('screen.noUnit')}</p>}
      <section className="screen-figures" aria-label={t('screen.keyFigures')}>
        {figures && (
          <>
            <ScreenFigure label={t('panel.open')} testId="screen-open" value={format.integer(figures.openByLevel.general + figures.openByLevel.major)} />
            <ScreenFigure label={t('panel.overdue')} testId="screen-overdue" value={format.integer(figures.overdue)} alarm />
            <ScreenFigure label={t('panel.everOverdue')} value={format.integer(figures.everOverdue)} />
            <ScreenFigure label={t('panel.rectificationRate')} value={figures.rectificationRate == null ? '—' : format.percent(figures.rectificationRate)} />
            <ScreenFigure label={t('board.openMajor')} value={format.integer(figures.openMajor)} />
            <ScreenFigure label={t('panel.listed')} value={format.integer(figures.listed)} />
            <div className="screen-figure"><div className="label">{t('panel.accidents')}</div><Change figure={figures.accidents} /></div>
            <div className="screen-figure"><div className="label">{t('panel.deaths')}</div><Change figure={figures.deaths} /></div>
            <div className="screen-figure"><div className="label">{t('panel.injuries')}</div><Change figure={figures.injuries} /></div>
            <div className="screen-figure"><div className="label">{t('panel.loss')}</div><Change figure={figures.directLoss} money /></div>
          </>
        )}
      </section>
      <section className="screen-map">
        {boundaries.data && unit && (
          <RiskMap
            counties={units.counties} towns={units.towns} homeCode={code} selectedCode={null} layers={layers} data={map.data}
            onSelect={noop} onSelectUnit={noop} onView={noop}
            onTileError={(error) => (error === 'UNAUTHENTICATED' ? setToken(null) : setTileError(error))}
            theme="dark" controls={false}
          />
        )}
      </section>
      <section className="screen-trend">
        <h2>{t('panel.trend')}</h2>
        {panel.data && <TrendChart points={panel.data.trend} />}
      </section>
      <section className="screen-sectors">
        <h2>{t('panel.bySector')}</h2>
        {panel.data && <SectorBars sectors={panel.data.sectors.slice(0, 8)} />}
      </section>
      <section className="screen-board">
        {code && unit && (
          <RankingBoard
            parentCode={code} level={childLevel} from={filters.from} to={filters.to} filter={compared}
            columns={SCREEN_COLUMNS} limit={SCREEN_ROWS} refreshSignal={signal}
          />
        )}
      </section>
    </div>
  );
}

function ScreenFigure({ label, value, testId, alarm }: { label: string; value: string; testId?: string; alarm?: boolean }) {
  return (
    <div className="screen-figure" data-testid={testId}>
      <div className="label">{label}</div>
      <div className={alarm ? 'value overdue' : 'value'}>{value}</div>
    </div>
  );
}
