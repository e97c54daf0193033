import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { setToken } from '../auth/token-store';
import type { ErrorCode } from '../errors/error-codes';
import { RankingBoard } from '../board/ranking-board';
import { ErrorText } from '../errors/error-text';
import type { JurisdictionLevel } from '../gql/graphql';
import { LanguageSwitch } from '../language-switch';
import { FilterPanel } from '../filters/filter-panel';
import { formatFilters, useFilters } from '../filters/filters';
import { EnterpriseDetail } from '../panels/enterprise-detail';
import { toHazardFilter } from '../panels/hazard-filter';
import { HazardDetail } from '../panels/hazard-detail';
import { HazardList } from '../panels/hazard-list';
import { JurisdictionPanel } from '../panels/jurisdiction-panel';
import { RoadSegmentDetail } from '../panels/road-segment-detail';
import { LayerPanel } from './layer-panel';
import { Legend } from './legend';
import { BoundariesQuery, MeQuery } from './risk-map.operations';
import { RiskMap, type MapLayers, type MapView, type Selection } from './risk-map';
import { isWithin, topUnit } from './scope';
import { useMapData } from './use-map-data';

/** Roles that may run their own GraphQL queries (the analysts' explorer). */
const EXPLORER_ROLES = new Set(['analyst', 'admin']);

// The first view answers "which unit is behind": the choropleth with each unit's figure.
// The heatmap and the point layers are a switch away; over the choropleth they would blur it.
const INITIAL_LAYERS: MapLayers = {
  choropleth: true, choroplethLevel: 'auto', metric: 'overdueCount', heatmap: false, enterprises: false, roads: false, overdue: false,
};

export function RiskMapPage() {
  const { t } = useTranslation();
  const [me] = useQuery({ query: MeQuery });
  const [boundaries] = useQuery({ query: BoundariesQuery });
  const [layers, setLayers] = useState<MapLayers>(INITIAL_LAYERS);
  const [filters, setFilters] = useFilters();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [view, setView] = useState<MapView | null>(null);
  const [tileError, setTileError] = useState<ErrorCode | null>(null);
  const user = me.data?.me;
  const ownCode = user?.jurisdictionCode ?? null;

  // Only the user's own unit and what lies under it: never the units above it.
  const units = useMemo(() => {
    const inScope = <T extends { code: string }>(list: readonly T[] | undefined) => (list ?? []).filter((u) => isWithin(u.code, ownCode));
    return { counties: inScope(boundaries.data?.counties), towns: inScope(boundaries.data?.towns) };
  }, [boundaries.data, ownCode]);
  const homeCode = topUnit(ownCode, units.counties);
  const homeTown = units.towns.find((u) => u.code === homeCode);
  const townOnly = Boolean(homeTown);

  const map = useMapData({
    filters, layers, view, townOnly,
    // A town has no units below it: its map colours the town itself, among its county's towns.
    choroplethParent: homeTown ? homeTown.parentCode ?? null : homeCode,
  });

  // The board ranks the home unit's children: a city's counties (or, by choice, its towns),
  // a county's towns. A town official has no units below and no board.
  const homeIsCounty = units.counties.some((u) => u.code === homeCode);
  const boardLevels: JurisdictionLevel[] = homeIsCounty ? ['town'] : ['county', 'town'];
  const [boardChoice, setBoardLevel] = useState<JurisdictionLevel>('county');
  const boardLevel = boardLevels.includes(boardChoice) ? boardChoice : boardLevels[0]!;
  // Every unit is ranked under the same filter; the jurisdiction filter only selects one.
  const boardFilter = useMemo(() => ({ ...toHazardFilter(filters), jurisdictionCode: null }), [filters]);
  const [hoveredUnits, setHoveredUnits] = useState<string[]>([]);
  const [hoveredRow, setHoveredRow] = useState<string | null>(null);

  const selectUnit = useCallback((code: string) => {
    setSelection(null);
    setFilters({ ...filters, jurisdictionCode: code });
  }, [filters, setFilters]);
  const openHazard = (id: string) => setSelection({ kind: 'hazard', id });
  const panelCode = filters.jurisdictionCode ?? homeCode;

  return (
    <div className="page">
      <header className="top-bar">
        <h1>{t('app.title')}</h1>
        {user && <span className="user" data-testid="user">{user.displayName ?? user.username} · {t(`roles.${user.role}`)}</span>}
        {user && EXPLORER_ROLES.has(user.role) && <a href="/explorer" target="_blank" rel="noreferrer">{t('app.explorer')}</a>}
        <LanguageSwitch />
        <button type="button" onClick={() => setToken(null)}>{t('app.signOut')}</button>
      </header>
      <ErrorText error={me.error ?? boundaries.error} />
      <div className="workspace">
        <aside className="side">
          <FilterPanel filters={filters} onChange={setFilters} jurisdictions={[...units.counties, ...units.towns]} />
          <LayerPanel layers={layers} onChange={setLayers} canPickLevel={!townOnly} />
          <Legend layers={layers} max={map.data.choroplethMax} />
        </aside>
        <main className="map-column">
        <div className="map-area">
          {boundaries.data && user && (
            <RiskMap
              counties={units.counties}
              towns={units.towns}
              homeCode={homeCode}
              selectedCode={filters.jurisdictionCode}
              layers={layers}
              data={map.data}
              onSelect={setSelection}
              onSelectUnit={selectUnit}
              onView={setView}
              onTileError={(code) => (code === 'UNAUTHENTICATED' ? setToken(null) : setTileError(code))}
              highlightCode={hoveredRow}
              onHoverUnits={setHoveredUnits}
            />
          )}
          <div className="map-status">
            {(map.fetching || boundaries.fetching) && <span className="loading" data-testid="map-loading">{t('app.loading')}</span>}
            <ErrorText error={map.error} code={tileError} />
          </div>
          <p className="synthetic-note">{t('app.syntheticNote')}</p>
        </div>
        {homeCode && !townOnly && (
          <RankingBoard
            parentCode={homeCode} level={boardLevel} levels={boardLevels} onLevel={setBoardLevel}
            from={filters.from} to={filters.to} filter={boardFilter}
            selectedCode={filters.jurisdictionCode} hoveredCodes={hoveredUnits}
            onSelect={selectUnit} onHoverRow={setHoveredRow}
          />
        )}
        </main>
        <aside className="details">
          {selection ? (
            <>
              <button type="button" onClick={() => setSelection(null)}>{t('detail.back')}</button>
              {selection.kind === 'hazard' && user && <HazardDetail id={selection.id} />}
              {selection.kind === 'enterprise' && <EnterpriseDetail id={selection.id} onOpenHazard={openHazard} />}
              {selection.kind === 'roadSegment' && <RoadSegmentDetail id={selection.id} onOpenHazard={openHazard} />}
            </>
          ) : (
            <>
              {panelCode && <JurisdictionPanel code={panelCode} filters={filters} onPickSector={(sector) => setFilters({ ...filters, sectors: [sector] })} />}
              {/* A new list per filter: its page cursors belong to one filter. */}
              <HazardList key={formatFilters(filters)} filters={filters} onOpen={openHazard} />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
