import { useTranslation } from 'react-i18next';
import type { ChoroplethMetric } from './map-style';
import type { MapLayers } from './risk-map';

const METRICS: readonly ChoroplethMetric[] = ['overdueCount', 'riskScore', 'rectificationRate', 'openMajor'];
const TOGGLES = ['heatmap', 'enterprises', 'roads', 'overdue'] as const;

/** Which overlays are on; the heatmap's sectors follow the sector filter. */
export function LayerPanel({ layers, onChange, canPickLevel }: { layers: MapLayers; onChange: (next: MapLayers) => void; canPickLevel: boolean }) {
  const { t } = useTranslation();
  const set = <K extends keyof MapLayers>(key: K, value: MapLayers[K]) => onChange({ ...layers, [key]: value });
  return (
    <fieldset className="layer-panel">
      <legend>{t('map.layers')}</legend>
      <label>
        <input type="checkbox" name="layer-choropleth" checked={layers.choropleth} onChange={(e) => set('choropleth', e.target.checked)} />
        {t('map.choropleth')}
      </label>
      <label>
        {t('map.metric')}
        <select name="metric" value={layers.metric} onChange={(e) => set('metric', e.target.value as ChoroplethMetric)}>
          {METRICS.map((metric) => <option key={metric} value={metric}>{t(`metrics.${metric}`)}</option>)}
        </select>
      </label>
      {canPickLevel && (
        <label>
          {t('map.choroplethLevel')}
          <select name="choropleth-level" value={layers.choroplethLevel} onChange={(e) => set('choroplethLevel', e.target.value as MapLayers['choroplethLevel'])}>
            <option value="auto">{t('map.byZoom')}</option>
            <option value="county">{t('levels.county')}</option>
            <option value="town">{t('levels.town')}</option>
          </select>
        </label>
      )}
      {TOGGLES.map((key) => (
        <label key={key}>
          <input type="checkbox" name={`layer-${key}`} checked={layers[key]} onChange={(e) => set(key, e.target.checked)} />
          {t(`map.${key}`)}
        </label>
      ))}
    </fieldset>
  );
}
