import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { setToken } from '../auth/token-store';
import type { ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { FilterPanel } from '../filters/filter-panel';
import { SECTORS, useFilters } from '../filters/filters';
import { FormPanel, NewRecordMenu, type OpenForm } from '../forms/form-panel';
import { MapPickProvider, useMapPickState } from '../forms/map-pick';
import type { JurisdictionLevel, MeQuery } from '../gql/graphql';
import { BriefingPanel } from '../briefing/briefing-panel';
import { RankingBoard } from '../board/ranking-board';
import { TopBar } from '../home/top-bar';
import { AccidentDetail } from '../ledgers/accident-detail';
import { InspectionDetail } from '../ledgers/inspection-detail';
import { Ledgers } from '../ledgers/ledgers';
import { useOpened } from '../ledgers/opened';
import { EnterpriseDetail } from '../panels/enterprise-detail';
import { HazardDetail } from '../panels/hazard-detail';
import { toHazardFilter } from '../panels/hazard-filter';
import { HazardLocationQuery } from '../panels/hazard.operations';
import { JurisdictionPanel } from '../panels/jurisdiction-panel';
import { RoadSegmentDetail } from '../panels/road-segment-detail';
import { LayerPanel } from './layer-panel';
import { Legend } from './legend';
import { BoundariesQuery } from './risk-map.operations';
import { RiskMap, type MapLayers, type MapView, type Selection } from './risk-map';
import { isWithin, topUnit } from './scope';
import { useMapData } from './use-map-data';

// The first view answers "which unit is behind": the choropleth with each unit's figure.
// The heatmap and the point layers are a switch away; over the choropleth they would blur it.
const INITIAL_LAYERS: MapLayers = {
  choropleth: true, choroplethLevel: 'auto', metric: 'overdueCount', heatmap: false, enterprises: false, roads: false, overdue: false,
};

export function RiskMapPage({ user }: { user: MeQuery['me'] }) {
  const { t } = useTranslation();
  const [boundaries] = useQuery({ query: BoundariesQuery });
  const [layers, setLayers] = useState<MapLayers>(INITIAL_LAYERS);
  const [filters, setFilters] = useFilters();
  const [selection, setSelection] = useOpened();
  const [view, setView] = useState<MapView | null>(null);
  const [tileError, setTileError] = useState<ErrorCode | null>(null);
  const [form, setForm] = useState<OpenForm | null>(null);
  const pick = useMapPickState();
  const ownCode = user.jurisdictionCode ?? null;

  // Only the user's own unit and what lies under it: never the units above it.
  const units = useMemo(() => {
    const inScope = <T extends { code: string }>(list: readonly T[] | undefined) => (list ?? []).filter((u) => isWithin(u.code, ownCode));
    return { counties: inScope(boundaries.data?.counties), towns: inScope(boundaries.data?.towns) };
  }, [boundaries.data, ownCode]);
  const homeCode = topUnit(ownCode, units.counties);
  const homeTown = units.towns.find((u) => u.code === homeCode);
  // Said per unit: towns keep their synthetic cells until an admin imports real boundaries.
  const syntheticTowns = units.towns.filter((u) => u.syntheticBoundary).length;
  // A county (or town) has no counties under it: its map compares towns at every zoom.
  const townsOnly = Boolean(homeTown) || units.counties.some((u) => u.code === homeCode);
  // An inspector supervises some sectors only (管行业必须管安全): the filter offers those.
  const sectorChoices = useMemo(() => (user.sectors.length ? SECTORS.filter((s) => user.sectors.includes(s)) : SECTORS), [user.sectors]);

  const map = useMapData({
    filters, layers, view, townsOnly,
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

  const [hazardPlace] = useQuery({
    query: HazardLocationQuery, variables: { id: selection?.id ?? '' }, pause: selection?.kind !== 'hazard',
  });
  const openedHazard = selection?.kind === 'hazard' ? hazardPlace.data?.hazard ?? null : null;

  const selectUnit = useCallback((code: string) => {
    setSelection(null);
    setFilters({ ...filters, jurisdictionCode: code });
  }, [filters, setFilters, setSelection]);
  const open = (next: Selection) => { setForm(null); setSelection(next); };
  const openHazard = (id: string) => open({ kind: 'hazard', id });
  const openEnterprise = (id: string) => open({ kind: 'enterprise', id });
  const targets = { openHazard, openEnterprise, openRoadSegment: (id: string) => open({ kind: 'roadSegment', id }) };
  const edit = (kind: 'enterprise' | 'roadSegment') => (user.mayCreate[kind] ? (id: string) => setForm({ kind, id }) : undefined);
  const panelCode = filters.jurisdictionCode ?? homeCode;

  return (
    <MapPickProvider value={pick}>
    <div className="page">
      <TopBar user={user} onOpenHazard={openHazard} />
      <ErrorText error={boundaries.error} />
      <div className="workspace">
        <aside className="side">
          <FilterPanel filters={filters} onChange={setFilters} jurisdictions={[...units.counties, ...units.towns]} sectors={sectorChoices} />
          <LayerPanel layers={layers} onChange={setLayers} canPickLevel={!townsOnly} />
          <Legend layers={layers} max={map.data.choroplethMax} />
        </aside>
        <main className="map-column">
        <div className="map-area">
          {boundaries.data && (
            <RiskMap
              counties={units.counties}
              towns={units.towns}
              homeCode={homeCode}
              selectedCode={filters.jurisdictionCode}
              layers={layers}
              data={map.data}
              opened={openedHazard}
              onSelect={setSelection}
              onSelectUnit={selectUnit}
              onView={setView}
              onTileError={(code) => (code === 'UNAUTHENTICATED' ? setToken(null) : setTileError(code))}
              draft={pick.draft}
              onPick={pick.add}
              highlightCode={hoveredRow}
              onHoverUnits={setHoveredUnits}
            />
          )}
          <div className="map-status">
            {(map.fetching || boundaries.fetching) && <span className="loading" data-testid="map-loading">{t('app.loading')}</span>}
            <ErrorText error={map.error} code={tileError} />
          </div>
          <p className="synthetic-note" data-testid="synthetic-note">
            {t('app.syntheticNote')}
            {syntheticTowns > 0 && ` ${t(syntheticTowns === units.towns.length ? 'app.townsSynthetic' : 'app.someTownsSynthetic', { count: syntheticTowns })}`}
          </p>
        </div>
        {homeCode && !homeTown && (
          <RankingBoard
            parentCode={homeCode} level={boardLevel} levels={boardLevels} onLevel={setBoardLevel}
            from={filters.from} to={filters.to} filter={boardFilter}
            selectedCode={filters.jurisdictionCode} hoveredCodes={hoveredUnits}
            onSelect={selectUnit} onHoverRow={setHoveredRow}
          />
        )}
        </main>
        <aside className="details">
          {form ? (
            <>
              <button type="button" onClick={() => setForm(null)}>{t('detail.back')}</button>
              <FormPanel key={`${form.kind}-${form.id ?? 'new'}`} form={form} me={user} towns={units.towns} targets={targets} />
            </>
          ) : selection ? (
            <>
              <button type="button" onClick={() => setSelection(null)}>{t('detail.back')}</button>
              {selection.kind === 'hazard' && <HazardDetail key={selection.id} id={selection.id} />}
              {selection.kind === 'enterprise' && <EnterpriseDetail id={selection.id} onOpenHazard={openHazard} onEdit={edit('enterprise')} />}
              {selection.kind === 'roadSegment' && <RoadSegmentDetail id={selection.id} onOpenHazard={openHazard} onEdit={edit('roadSegment')} />}
              {selection.kind === 'inspection' && <InspectionDetail id={selection.id} onOpenHazard={openHazard} onOpenEnterprise={openEnterprise} />}
              {selection.kind === 'accident' && <AccidentDetail id={selection.id} onOpenEnterprise={openEnterprise} />}
            </>
          ) : (
            <>
              <NewRecordMenu me={user} onOpen={(next) => { setSelection(null); setForm(next); }} />
              {panelCode && <JurisdictionPanel code={panelCode} filters={filters} onPickSector={(sector) => setFilters({ ...filters, sectors: [sector] })} />}
              <Ledgers filters={filters} onOpen={open} />
              {homeCode && !townsOnly && <BriefingPanel code={homeCode} />}
            </>
          )}
        </aside>
      </div>
    </div>
    </MapPickProvider>
  );
}
