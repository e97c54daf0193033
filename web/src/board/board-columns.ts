import type { TFunction } from 'i18next';
import type { RankingBoardQuery } from '../gql/graphql';
import type { useFormat } from '../i18n/format';

export type BoardRow = RankingBoardQuery['jurisdictionStats'][number];
type Format = ReturnType<typeof useFormat>;
type YearOnYear = BoardRow['accidents'];

/**
 * One column of the ranking board: its header, the value it sorts by (null sorts last), the
 * cell's text, and the cells it adds to the CSV. The table and the CSV read the same list,
 * so a download always has the board's columns and figures.
 */
export interface BoardColumn {
  key: string;
  header: string;
  /** Which way a first click on the header sorts: worst first for figures, rank 1 first. */
  firstDirection: 'asc' | 'desc';
  sortValue: (row: BoardRow) => number | string | null;
  text: (row: BoardRow, format: Format) => string;
}

const open = (row: BoardRow) => row.openByLevel.general + row.openByLevel.major;

function change(figure: YearOnYear, format: Format, t: TFunction): string {
  const now = format.integer(figure.current);
  return figure.changeRate == null ? now : `${now}（${t('panel.yoy', { change: format.change(figure.changeRate) })}）`;
}

/** A count column, sorted most first. */
function count(key: string, header: string, value: (row: BoardRow) => number): BoardColumn {
  return {
    key, header, firstDirection: 'desc', sortValue: value,
    text: (row, format) => format.integer(value(row)),
  };
}

/** Accidents or deaths: the period's figure with its year-on-year change. */
function yearOnYear(key: 'accidents' | 'deaths', header: string, t: TFunction): BoardColumn {
  return {
    key, header, firstDirection: 'desc', sortValue: (row) => row[key].current,
    text: (row, format) => change(row[key], format, t),
  };
}

/** The board's columns in order, headers in the current language. */
export function boardColumns(t: TFunction): BoardColumn[] {
  return [
    {
      key: 'rank', header: t('board.rank'), firstDirection: 'asc', sortValue: (row) => row.rank,
      text: (row, format) => format.integer(row.rank),
    },
    {
      key: 'name', header: t('board.unit'), firstDirection: 'asc', sortValue: (row) => row.name,
      text: (row) => row.name,
    },
    count('open', t('panel.open'), open),
    count('overdue', t('panel.overdue'), (row) => row.overdue),
    count('everOverdue', t('panel.everOverdue'), (row) => row.everOverdue),
    {
      key: 'rectificationRate', header: t('panel.rectificationRate'), firstDirection: 'asc', sortValue: (row) => row.rectificationRate ?? null,
      text: (row, format) => (row.rectificationRate == null ? '—' : format.percent(row.rectificationRate)),
    },
    count('openMajor', t('board.openMajor'), (row) => row.openMajor),
    count('listed', t('panel.listed'), (row) => row.listed),
    // The unit that let hazards slip (该盯住整改而未盯住): the chase's steps taken in the period.
    count('escalations', t('board.escalations'), (row) => row.escalations.writtenExplanations + row.escalations.supervisionLetters + row.escalations.publicCriticisms),
    yearOnYear('accidents', t('panel.accidents'), t),
    yearOnYear('deaths', t('panel.deaths'), t),
    {
      key: 'riskScore', header: t('panel.riskScore'), firstDirection: 'desc', sortValue: (row) => row.riskScore,
      text: (row, format) => format.decimal(row.riskScore),
    },
    {
      key: 'zone', header: t('board.zone'), firstDirection: 'asc',
      // Red zone first, then none, then blue: the order of the ranking.
      sortValue: (row) => (row.zone === 'RED' ? 0 : row.zone === 'BLUE' ? 2 : 1),
      text: (row) => (row.zone ? t(`board.zones.${row.zone}`) : ''),
    },
  ];
}

export interface BoardSort {
  key: string;
  direction: 'asc' | 'desc';
}

/** The rows in the column's order; nulls (no rate) last either way, then by rank. */
export function sortRows(rows: readonly BoardRow[], column: BoardColumn, direction: 'asc' | 'desc'): BoardRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    if (x === y) return a.rank - b.rank;
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - Number(y));
  });
}
