import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { ExportButton } from '../export/export-button';
import type { HazardFilter, JurisdictionLevel } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { COUNTS_HAZARDS } from '../panels/hazard.operations';
import { boardColumns, sortRows, type BoardSort } from './board-columns';
import { RankingBoardQuery } from './board.operations';

interface Props {
  /** The jurisdiction whose child units are ranked. */
  parentCode: string;
  level: JurisdictionLevel;
  /** The levels the viewer may switch between (counties or towns of a city); none: no switch. */
  levels?: readonly JurisdictionLevel[];
  onLevel?: (level: JurisdictionLevel) => void;
  from?: string | null;
  to?: string | null;
  /** Which hazards the figures count: the map's and the list's filter, over every unit. */
  filter?: HazardFilter;
  selectedCode?: string | null;
  /** Units under the pointer on the map: their row is highlighted. */
  hoveredCodes?: readonly string[];
  onSelect?: (code: string) => void;
  onHoverRow?: (code: string | null) => void;
  /** Columns shown (keys of board-columns.ts); all by default. The CSV always has all. */
  columns?: readonly string[];
  /** A new number fetches the figures again (the big screen's refresh). */
  refreshSignal?: number;
  /** Rows after the first this many are left out (the big screen has no scroll bars). */
  limit?: number;
}

/**
 * 排名: the child units of a jurisdiction with their figures, rank, score and 红区/蓝区, from
 * jurisdictionStats. Sorted by any column (a second click reverses); a row click selects the
 * unit; the rows are exported by the api (/exports/units), complete and audited.
 */
export function RankingBoard({
  parentCode, level, levels = [], onLevel, from = null, to = null, filter, selectedCode = null, hoveredCodes = [],
  onSelect, onHoverRow, columns: shown, refreshSignal = 0, limit,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [sort, setSort] = useState<BoardSort>({ key: 'rank', direction: 'asc' });
  const variables = useMemo(() => ({ parentCode, level, from, to, filter }), [parentCode, level, from, to, filter]);
  const [result, reexecute] = useQuery({ query: RankingBoardQuery, variables, context: COUNTS_HAZARDS });
  useEffect(() => {
    if (refreshSignal > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refreshSignal, reexecute]);

  const all = useMemo(() => boardColumns(t), [t]);
  const columns = shown ? all.filter((c) => shown.includes(c.key)) : all;
  const column = all.find((c) => c.key === sort.key) ?? all[0]!;
  const rows = useMemo(() => sortRows(result.data?.jurisdictionStats ?? [], column, sort.direction), [result.data, column, sort.direction]);
  const visible = limit === undefined ? rows : rows.slice(0, limit);

  const sortBy = (key: string) => setSort((current) => current.key === key
    ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
    : { key, direction: all.find((c) => c.key === key)!.firstDirection });

  return (
    <section className="ranking-board" data-testid="ranking-board" aria-busy={result.fetching}>
      <header>
        <h2>{t('board.title')}</h2>
        {levels.length > 1 && onLevel && (
          <label>
            {t('board.level')}
            <select name="board-level" value={level} onChange={(e) => onLevel(e.target.value as JurisdictionLevel)}>
              {levels.map((l) => <option key={l} value={l}>{t(`levels.${l}`)}</option>)}
            </select>
          </label>
        )}
        <span className="hint">{t('board.zoneRule')}</span>
        {limit === undefined && (
          <ExportButton kind="units" filter={filter} params={{ parentCode, level, from, to }} />
        )}
      </header>
      <ErrorText error={result.error} />
      <div className="board-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" data-testid={`board-sort-${c.key}`} onClick={() => sortBy(c.key)}>
                    {c.header}{sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody onMouseLeave={() => onHoverRow?.(null)}>
            {visible.map((row) => {
              const classes = ['clickable', row.zone ? `zone-row-${row.zone.toLowerCase()}` : '',
                row.code === selectedCode ? 'selected' : '', hoveredCodes.includes(row.code) ? 'hovered' : ''];
              return (
                <tr
                  key={row.code} data-testid="board-row" data-code={row.code} data-zone={row.zone ?? ''}
                  className={classes.filter(Boolean).join(' ')}
                  onClick={() => onSelect?.(row.code)}
                  onMouseEnter={() => onHoverRow?.(row.code)}
                >
                  {columns.map((c) => <td key={c.key} data-column={c.key}>{c.text(row, format)}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
