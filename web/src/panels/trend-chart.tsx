import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

export interface TrendPoint {
  start: string;
  found: number;
  closed: number;
  overdue: number;
}

const SERIES = [
  { key: 'found', color: '#1c64f2' },
  { key: 'closed', color: '#16803c' },
  { key: 'overdue', color: '#e02020' },
] as const;

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { left: 34, right: 8, top: 8, bottom: 22 };

/** A round axis maximum (1, 2 or 5 × a power of ten) at or above `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= max)!;
}

/**
 * Found, closed and overdue hazards per month as three lines. Drawn as SVG by hand: three
 * polylines do not justify a chart library's 300 KB or more in the bundle.
 */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (points.length === 0) return <p className="empty">{t('panel.noTrend')}</p>;
  const top = niceMax(Math.max(...points.flatMap((p) => [p.found, p.closed, p.overdue])));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
  const y = (v: number) => PAD.top + plotH - (plotH * v) / top;
  // About four month labels and the last one, none closer than a step to the last, so they
  // never overlap at this width.
  const step = Math.max(1, Math.ceil((points.length - 1) / 4));
  const last = points.length - 1;
  const labelled = (i: number) => i === last || (i % step === 0 && last - i >= step);
  return (
    <figure className="trend-chart" data-testid="trend-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('panel.trend')}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke="#e4e7eb" />
            <text x={PAD.left - 4} y={y(top * f) + 4} textAnchor="end" fontSize="10" fill="#66707a">{format.integer(top * f)}</text>
          </g>
        ))}
        {points.map((p, i) => labelled(i) && (
          <text key={p.start} x={x(i)} y={HEIGHT - 6} textAnchor={i === last ? 'end' : 'middle'} fontSize="10" fill="#66707a">{format.month(p.start)}</text>
        ))}
        {SERIES.map(({ key, color }) => (
          <polyline key={key} fill="none" stroke={color} strokeWidth="2" points={points.map((p, i) => `${x(i)},${y(p[key])}`).join(' ')}>
            <title>{t(`panel.series.${key}`)}</title>
          </polyline>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {SERIES.map(({ key, color }) => (
          <span key={key}><span className="swatch" style={{ background: color }} />{t(`panel.series.${key}`)}</span>
        ))}
      </figcaption>
    </figure>
  );
}
