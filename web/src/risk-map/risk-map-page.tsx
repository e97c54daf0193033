import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { setToken } from '../auth/token-store';
import { ErrorText } from '../errors/error-text';
import { LanguageSwitch } from '../language-switch';
import { FilterPanel } from '../filters/filter-panel';
import { formatFilters, useFilters } from '../filters/filters';
import { HazardDetail } from '../panels/hazard-detail';
import { HazardList } from '../panels/hazard-list';
import { LayerPanel } from './layer-panel';
import { Legend } from './legend';
import { BoundariesQuery, MeQuery } from './risk-map.operations';
import { RiskMap, type MapLayers, type Selection } from './risk-map';

/** Roles that may run their own GraphQL queries (the analysts' explorer). */
const EXPLORER_ROLES = new Set(['analyst', 'admin']);

const INITIAL_LAYERS: MapLayers = {
  choropleth: true, choroplethLevel: 'town', metric: 'overdueCount', heatmap: true, enterprises: false, roads: false, overdue: true,
};

export function RiskMapPage() {
  const { t } = useTranslation();
  const [me] = useQuery({ query: MeQuery });
  const [boundaries] = useQuery({ query: BoundariesQuery });
  const [layers, setLayers] = useState<MapLayers>(INITIAL_LAYERS);
  const [filters, setFilters] = useFilters();
  const [selection, setSelection] = useState<Selection | null>(null);
  const user = me.data?.me;

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
          <FilterPanel filters={filters} onChange={setFilters} jurisdictions={[...(boundaries.data?.counties ?? []), ...(boundaries.data?.towns ?? [])]} />
          <LayerPanel layers={layers} onChange={setLayers} canPickLevel={user?.role !== 'town'} />
          <Legend layers={layers} max={0} />
        </aside>
        <main className="map-area">
          {boundaries.data && user && (
            <RiskMap
              counties={boundaries.data.counties}
              towns={boundaries.data.towns}
              homeCode={user.jurisdictionCode ?? null}
              selectedCode={selection?.kind === 'jurisdiction' ? selection.id : null}
              layers={layers}
              data={{ choropleth: undefined, choroplethMax: 0, density: undefined, enterprises: undefined, roads: undefined, overdue: undefined }}
              onSelect={setSelection}
            />
          )}
          <p className="synthetic-note">{t('app.syntheticNote')}</p>
        </main>
        <aside className="details">
          {selection?.kind === 'hazard' && user ? (
            <>
              <button type="button" onClick={() => setSelection(null)}>{t('detail.back')}</button>
              <HazardDetail id={selection.id} role={user.role} />
            </>
          ) : (
            // A new list per filter: its page cursors belong to one filter.
            <HazardList key={formatFilters(filters)} filters={filters} onOpen={(id) => setSelection({ kind: 'hazard', id })} />
          )}
        </aside>
      </div>
    </div>
  );
}
