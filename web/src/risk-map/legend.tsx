import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { choroplethStops, HEAT_RAMP, OVERDUE_MARK, RISK_COLORS } from './map-style';
import type { MapLayers } from './risk-map';

const RISKS = ['RED', 'ORANGE', 'YELLOW', 'BLUE'] as const;

function RiskSwatches({ dot }: { dot?: boolean }) {
  const { t } = useTranslation();
  return RISKS.map((risk) => (
    <div className="legend-item" key={risk}>
      <span className={dot ? 'swatch dot' : 'swatch'} style={{ background: RISK_COLORS[risk] }} />
      {t(`risk.${risk}`)}
    </div>
  ));
}

/** The key to every overlay that is on, drawn from the same stops as the layers. */
export function Legend({ layers, max }: { layers: MapLayers; max: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stops = choroplethStops(layers.metric, max);
  const value = (v: number) => (layers.metric === 'rectificationRate' ? format.percent(v) : format.integer(v));
  return (
    <fieldset className="legend" data-testid="legend">
      <legend>{t('map.legend')}</legend>
      {layers.choropleth && (
        <section>
          <h3>{t(`metrics.${layers.metric}`)}</h3>
          {layers.metric === 'riskScore' ? (
            // Top quarter first, as a ranking reads; the classes are ranks, not risk levels.
            <>
              {[...stops].reverse().map((stop) => (
                <div className="legend-item" key={stop.value}>
                  <span className="swatch" style={{ background: stop.color }} />
                  {t(`map.quartiles.${stop.value}`)}
                </div>
              ))}
              <p className="hint">{t('map.quartileHint')}</p>
            </>
          ) : (
            <>
              <div className="ramp" style={{ background: `linear-gradient(to right, ${stops.map((s) => s.color).join(', ')})` }} />
              <div className="ramp-labels"><span>{value(stops[0]!.value)}</span><span>{value(stops[stops.length - 1]!.value)}</span></div>
            </>
          )}
        </section>
      )}
      {layers.heatmap && (
        <section>
          <h3>{t('map.heatmap')}</h3>
          <div className="ramp" style={{ background: `linear-gradient(to right, ${HEAT_RAMP.join(', ')})` }} />
          <div className="ramp-labels"><span>{t('map.low')}</span><span>{t('map.high')}</span></div>
          <p className="hint">{t('map.weight')}</p>
        </section>
      )}
      {layers.enterprises && (
        <section>
          <h3>{t('map.enterprises')}</h3>
          <RiskSwatches dot />
          <p className="hint">{t('map.clusterHint')}</p>
        </section>
      )}
      {layers.roads && (
        <section>
          <h3>{t('map.roads')}</h3>
          <RiskSwatches />
        </section>
      )}
      {layers.overdue && (
        <section>
          <h3>{t('map.overdue')}</h3>
          <div className="legend-item"><span className="swatch dot" style={{ background: OVERDUE_MARK.color, borderColor: OVERDUE_MARK.ring }} />{t('map.overdue')}</div>
        </section>
      )}
    </fieldset>
  );
}
