import { badInput } from '../common/errors';
import { checkFilter, hazardWhere, jurisdictionCode, param } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import { RiskLevel } from '../common/enums';
import { codePrefix, type Viewer } from '../common/viewer';
import type { HazardFilter } from '../hazard/hazard.input';
import { overdueSql } from '../hazard/hazard.sql';
import type { JurisdictionLevel } from '../jurisdiction/jurisdiction.type';
import {
  ACCIDENT_MONTH_ROWS, CELL_ROWS, CELL_ZOOMS, COUNT_ROWS, ENTERPRISE_COUNT_ROWS, INSPECTION_MONTH_ROWS, LATENESS_MONTH_ROWS, LATENESS_ROWS, MONTH_ROWS,
  TREND_MONTH_ROWS, latenessRows, summariesAnswer,
} from './summaries';
import { RISK_COLOR_QUANTILES, RISK_PARTS, type RiskPart, type RiskWeights } from './risk-score';
import { DensityCell, JurisdictionStats, SectorCount, TrendBucket, TrendInterval, YearOnYear } from './stats.type';

// Every figure is aggregated in SQL, one statement per query, over the rows row-level
// security lets the viewer see: a town official's numbers never include another town.

/** A period of whole days, both ends included (docs/metrics.md). */
export interface Period {
  from: string;
  to: string;
}

function checkPeriod({ from, to }: Period): void {
  if (from > to) throw badInput('from must not be after to', 'from');
}

/** The prefix of a unit's town codes, in SQL, as viewer.codePrefix computes it in TypeScript. */
const unitPrefixSql = (code: string) => `(case when length(${code}) = 9 then ${code}
  when ${code} like '%0000' then left(${code}, 2) when ${code} like '%00' then left(${code}, 4) else ${code} end)`;

/** Whole-number columns of per-town rows summed over a unit's towns (none: 0). */
const sumsOf = (...columns: string[]) => columns.map((c) => `coalesce(sum(t.${c}), 0)::int as ${c}`).join(', ');

/** Hazards counted by a summary (its `hazards` column) where a condition holds. */
const sumOf = (condition: string) => `coalesce(sum(s.hazards) filter (where ${condition}), 0)::int`;

/**
 * Lateness rows (hazard_lateness_spans, as `l`) matching the filter and `condition`: filtered
 * on their own town, sector and level when those answer the filter, else joined to the
 * hazards (by id, never their history).
 */
function latenessWhere(viewer: Viewer, filter: HazardFilter | null, params: unknown[], condition: string): string {
  return summariesAnswer(viewer, filter, 'lateness')
    ? `${latenessRows(viewer)} l where ${condition} and ${hazardWhere(filter, params, 'l')}`
    : `${latenessRows(viewer)} l join hazards h on h.id = l.hazard_id where ${condition} and ${hazardWhere(filter, params)}`;
}

/**
 * A lateness row's overdue part meets the moments [from, until], both included
 * (hazard_overdue_during): it begins by `until`, and by the end of its stretch (now for the
 * current one, whose part may begin in the future), which is not before `from`.
 */
const overdueDuring = (alias: string, from: string, until: string) =>
  `(${alias}.overdue_from <= ${until} and ${alias}.overdue_from <= coalesce(${alias}.overdue_until, now())
    and coalesce(${alias}.overdue_until, now()) >= ${from})`;

/** A part of jurisdictionStats's per-town figures: the lateness columns it counts, in SQL, 0 for the others. */
type LatenessPart = (town: string, columns: Partial<Record<'ever_overdue' | 'rectified_late', string>>, rest: string) => string;

/**
 * everOverdue and rectifiedLate per town over the moments [startsAt, endsAt] without reading
 * the period's lateness rows (0029_lateness_months_exact.sql; docs/metrics.md).
 *
 * Rows first. A part meets the period, once it has begun (now >= startsAt), when it began by
 * endsAt and did not end before startsAt, unless it still runs and begins only after now:
 * #{from <= endsAt} − #{until < startsAt} − #{running, now < from <= endsAt} (a part that ended
 * before startsAt began before endsAt). Before the period has begun only parts ending after
 * its start can meet it: none but back-dated or future history, read as rows. Late closings in
 * [startsAt, endsAt) are #{at < endsAt} − #{at < startsAt}. The months (app.lateness_month)
 * count those at or before each month's first moment: a moment between two is reached from
 * the nearest month start before it (beginnings) or after it (ends and closings, strictly
 * before), and the rows between are read on their own index: the period's partial months.
 *
 * Then hazards: a hazard's parts meeting the period follow each other, so it is counted once
 * by taking away each of its parts whose previous part also meets the period (ended at or
 * after startsAt, while this one is overdue by endsAt); its late closings likewise.
 */
function latenessParts(part: LatenessPart, filter: HazardFilter | null, params: unknown[], startsAt: string, endsAt: string): string[] {
  const rows = (columns: Parameters<LatenessPart>[1], condition: string) =>
    part('l.town_code', columns, `from ${LATENESS_ROWS} l where ${condition} and ${hazardWhere(filter, params, 'l')} group by l.town_code`);
  const between = (column: string, first: string, last: string) => `(${column} >= ${first} and ${column} <= ${last})`;
  const started = `(now() >= ${startsAt})`;
  // The month whose first moment is the last not after endsAt, and the months whose first
  // moments are the first not before startsAt and endsAt; with those moments.
  const begunBy = `(select app.month_of(app.date_at(${endsAt})))`;
  const startMonth = `(select app.lateness_month(${startsAt}))`;
  const endMonth = `(select app.lateness_month(${endsAt}))`;
  const firstMoment = (month: string) => `(select app.day_start(${month}))`;
  return [
    part('s.town_code', {
      ever_overdue: `coalesce(sum(s.began) filter (where ${started} and s.month <= ${begunBy}), 0)
        - coalesce(sum(s.ended) filter (where ${started} and s.month <= ${startMonth}), 0)`,
      rectified_late: `coalesce(sum(s.closed_late) filter (where s.month <= ${endMonth}), 0)
        - coalesce(sum(s.closed_late) filter (where s.month <= ${startMonth}), 0)`,
    }, `from ${LATENESS_MONTH_ROWS} s
       where ${hazardWhere(filter, params, 's')} and s.month <= greatest(${begunBy}, ${endMonth})
       group by s.town_code`),
    rows({
      ever_overdue: `count(*) filter (where l.overdue_from > ${firstMoment(begunBy)})
        - count(*) filter (where l.overdue_from > now() and l.overdue_until is null)`,
    }, `${started} and l.overdue_from > least(${firstMoment(begunBy)}, now()) and l.overdue_from <= ${endsAt}`),
    rows({ ever_overdue: 'count(*)' }, `${started} and ${between('l.overdue_until', startsAt, firstMoment(startMonth))}`),
    rows({ ever_overdue: 'count(*)' }, `not ${started} and l.overdue_until >= ${startsAt} and l.overdue_from <= ${endsAt}`),
    rows({
      rectified_late: `count(*) filter (where ${between('l.closed_late_at', startsAt, firstMoment(startMonth))})
        - count(*) filter (where ${between('l.closed_late_at', endsAt, firstMoment(endMonth))})`,
    }, `(${between('l.closed_late_at', startsAt, firstMoment(startMonth))} or ${between('l.closed_late_at', endsAt, firstMoment(endMonth))})`),
    rows({
      ever_overdue: `-count(*) filter (where l.overdue_from <= ${endsAt} and l.overdue_from <= coalesce(l.overdue_until, now()))`,
    }, between('l.previous_overdue_until', startsAt, endsAt)),
    rows({ rectified_late: `-count(*) filter (where l.closed_late_at < ${endsAt})` },
      `l.previous_closed_late_at >= ${startsAt} and l.previous_closed_late_at < ${endsAt}`),
  ];
}

/**
 * JIT off for the rest of the transaction: the summaries' aggregates cost enough for the
 * planner to compile them (tens of ms) but run in a few ms without it.
 */
async function noJit(db: RequestDb): Promise<void> {
  await db.query(`select set_config('jit', 'off', true)`);
}

const inUnit = (townColumn: string) => `(${townColumn} >= u.prefix collate "C" and ${townColumn} < (u.prefix || ':') collate "C")`;

/** The column of each risk part in the statistics statement. */
const PART_COLUMNS: Record<RiskPart, string> = {
  openMajor: 'open_major',
  openGeneral: 'open_general',
  overdue: 'overdue',
  listed: 'listed',
  redEnterprises: 'red',
  orangeEnterprises: 'orange',
  accidents: 'accidents',
  deaths: 'deaths',
  seriousInjuries: 'injuries',
};

interface StatsRow {
  code: string;
  name: string;
  level: JurisdictionLevel;
  open_general: number;
  open_major: number;
  overdue: number;
  ever_overdue: number;
  rectified_late: number;
  listed: number;
  found: number;
  rectified: number;
  red: number;
  orange: number;
  yellow: number;
  blue: number;
  inspections: number;
  accidents: number;
  accidents_prev: number;
  deaths: number;
  deaths_prev: number;
  injuries: number;
  injuries_prev: number;
  loss: number;
  loss_prev: number;
  risk_score: number;
  rank: number;
  risk_color: RiskLevel;
}

function yearOnYear(current: number, previous: number): YearOnYear {
  return { current, previous, change: current - previous, changeRate: previous === 0 ? null : (current - previous) / previous };
}

/**
 * The months a period of days [from, to) touches (first days, the monthly summaries' keys),
 * and which records of those months it leaves out: dated before `from` or from `to` on.
 * `at` turns a day into what `column` compares with: the day itself for a date, its first
 * moment in the deployment's calendar for a moment.
 */
function periodMonths(from: string, to: string, at: (day: string) => string = (day) => day) {
  const firstMonth = `app.month_of(${from})`;
  const lastMonth = `app.month_of(${to} - 1)`;
  return {
    firstMonth,
    lastMonth,
    outside: (column: string) => `((${column} >= ${at(firstMonth)} and ${column} < ${at(from)})
                or (${column} >= ${at(to)} and ${column} < ${at(`(${lastMonth} + interval '1 month')::date`)}))`,
  };
}

const dayStart = (day: string) => `(select app.day_start(${day}))`;

/** The accident figures: the column of accident_months (and of accidents) each sums. */
const ACCIDENT_FIGURES = { accidents: 'accidents', deaths: 'deaths', injuries: 'serious_injuries', loss: 'direct_loss_yuan' } as const;

/**
 * The accident figures of the days [from, to) as parts of a union summed per town: the
 * months they touch from accident_month_rows, less those months' accidents outside the
 * days, each figure in its column with `suffix` ('' the period, '_prev' the year before) and
 * 0 in the others.
 */
function accidentWindow(suffix: '' | '_prev', from: string, to: string): string[] {
  const months = periodMonths(from, to, dayStart);
  const columns = (value: (column: string) => string) => Object.entries(ACCIDENT_FIGURES)
    .flatMap(([figure, column]) => ['', '_prev'].map((s) => `${s === suffix ? value(column) : '0'} as ${figure}${s}`)).join(', ');
  return [
    `select s.town_code, ${columns((column) => `s.${column}`)}
             from ${ACCIDENT_MONTH_ROWS} s where s.month >= ${months.firstMonth} and s.month <= ${months.lastMonth}`,
    `select a.town_code, ${columns((column) => (column === 'accidents' ? '-1' : `-a.${column}`))}
             from accidents a where ${months.outside('a.occurred_at')}`,
  ];
}

/**
 * Figures per child unit of `parentCode` (or per unit of `level` under it), ranked by risk
 * score among themselves.
 */
export async function jurisdictionStats(
  db: RequestDb, parentCode: string, level: JurisdictionLevel | null, period: Period, weights: RiskWeights,
  filter: HazardFilter | null = null, withLateness = true,
): Promise<JurisdictionStats[]> {
  checkPeriod(period);
  await checkFilter(db, filter);
  const prefix = codePrefix(jurisdictionCode(parentCode, 'parentCode'));
  const params: unknown[] = [];
  const units = level === null
    ? `j.parent_code = ${param(params, parentCode)}::text`
    : `j.level = ${param(params, level)}::text and j.code <> ${param(params, parentCode)}::text
       and j.code >= ${param(params, prefix)}::text collate "C" and j.code < ${param(params, `${prefix}:`)}::text collate "C"`;
  const from = `${param(params, period.from)}::date`;
  const to = `(${param(params, period.to)}::date + 1)`;
  // Moments against the deployment's calendar (app.day_start), each computed once per statement.
  const startsAt = `(select app.day_start(${from}))`;
  const endsAt = `(select app.day_start(${to}))`;
  const inPeriod = (column: string) => `(${column} >= ${startsAt} and ${column} < ${endsAt})`;
  const inPreviousYear = (column: string) => `(${column} >= (select app.day_start((${from} - interval '1 year')::date))
    and ${column} < (select app.day_start((${to} - interval '1 year')::date)))`;
  const inPeriodDays = (column: string) => `(${column} >= ${from} and ${column} < ${to})`;
  const periodDays = periodMonths(from, to);
  const { firstMonth, lastMonth } = periodDays;
  const score = RISK_PARTS.map((part) => `${param(params, weights[part])}::float8 * ${PART_COLUMNS[part]}`).join(' + ');
  const quantile = (colour: keyof typeof RISK_COLOR_QUANTILES) => `${param(params, RISK_COLOR_QUANTILES[colour])}::float8`;

  // What holds now (open, overdue, listed) from the undated summary, what happened in the
  // period (found, rectified) from the monthly one, each when it can answer the filter, else
  // from the rows; everOverdue and rectifiedLate from the lateness rows (docs/metrics.md,
  // "Where the figures come from"), only when asked for (the choropleth does not). One scan
  // of the rows when neither summary can answer.
  await db.begin();
  const fromCounts = summariesAnswer(db.viewer, filter, 'counts');
  const fromMonths = summariesAnswer(db.viewer, filter, 'months');
  if (fromCounts || fromMonths) await noJit(db);
  const ZERO = { open_general: '0', open_major: '0', overdue: '0', listed: '0', found: '0', rectified: '0', ever_overdue: '0', rectified_late: '0' };
  /** One part of the per-town figures: the columns it counts, 0 for the others. */
  const part = (town: string, columns: Partial<typeof ZERO>, rest: string) =>
    `select ${town} as town_code, ${Object.entries({ ...ZERO, ...columns }).map(([name, sql]) => `(${sql})::int as ${name}`).join(', ')}
       ${rest}`;
  const nowFromRows = {
    open_general: `count(*) filter (where h.status <> 'CLOSED' and h.level = 'GENERAL')`,
    open_major: `count(*) filter (where h.status <> 'CLOSED' and h.level = 'MAJOR')`,
    overdue: `count(*) filter (where ${overdueSql('h')})`,
    listed: `count(*) filter (where h.status <> 'CLOSED' and h.listed_level is not null)`,
  };
  const periodFromRows = {
    found: `count(*) filter (where ${inPeriod('h.found_at')})`,
    rectified: `count(*) filter (where ${inPeriod('h.found_at')} and h.status = 'CLOSED' and h.closed_at < ${endsAt})`,
  };
  const parts: string[] = [];
  if (!fromCounts && !fromMonths) {
    parts.push(part('h.town_code', { ...nowFromRows, ...periodFromRows },
      `from hazards h where ${hazardWhere(filter, params)} group by h.town_code`));
  } else {
    parts.push(fromCounts
      ? part('s.town_code', {
        open_general: sumOf(`s.status <> 'CLOSED' and s.level = 'GENERAL'`),
        open_major: sumOf(`s.status <> 'CLOSED' and s.level = 'MAJOR'`),
        overdue: sumOf(overdueSql('s')),
        listed: sumOf(`s.status <> 'CLOSED' and s.listed_level is not null`),
      }, `from ${COUNT_ROWS} s where ${hazardWhere(filter, params, 's')} group by s.town_code`)
      : part('h.town_code', nowFromRows, `from hazards h where ${hazardWhere(filter, params)} group by h.town_code`));
    if (fromMonths) {
      // The months from the period's first to its last, less the hazards of those months the
      // period leaves out: found before its first day or after its last, or closed after it.
      // Those are read from the rows on the found_at and closed_at indexes; for a period of
      // whole months, or one that ends today, there are none.
      const monthsEnd = `(select app.day_start((${lastMonth} + interval '1 month')::date))`;
      const monthsStart = `(select app.day_start(${firstMonth}))`;
      const outside = `(h.found_at < ${startsAt} or h.found_at >= ${endsAt} or h.closed_at >= ${endsAt})`;
      parts.push(part('s.town_code', {
        found: sumOf('true'),
        rectified: sumOf(`s.closed_month <= ${lastMonth}`),
      }, `from ${MONTH_ROWS} s
       where ${hazardWhere(filter, params, 's')} and s.found_month >= ${firstMonth} and s.found_month <= ${lastMonth}
       group by s.town_code`));
      parts.push(part('h.town_code', {
        found: `-count(*) filter (where h.found_at < ${startsAt} or h.found_at >= ${endsAt})`,
        rectified: `-count(*) filter (where h.closed_at < ${monthsEnd} and ${outside})`,
      }, `from hazards h
       where ${hazardWhere(filter, params)}
         and ((h.found_at >= ${monthsStart} and h.found_at < ${startsAt})
              or (h.found_at >= ${endsAt} and h.found_at < ${monthsEnd})
              or (h.closed_at >= ${endsAt} and h.closed_at < ${monthsEnd} and h.found_at >= ${monthsStart} and h.found_at < ${monthsEnd}))
       group by h.town_code`));
    } else {
      parts.push(part('h.town_code', periodFromRows, `from hazards h where ${hazardWhere(filter, params)} group by h.town_code`));
    }
  }
  if (withLateness && summariesAnswer(db.viewer, filter, 'lateness')) {
    parts.push(...latenessParts(part, filter, params, startsAt, endsAt));
  } else if (withLateness) {
    // Hazards, not rows: grouped by hazard first (a hash, where count(distinct) sorted the rows).
    const overdue = overdueDuring('l', startsAt, endsAt);
    const closedLate = `(l.closed_late_at >= ${startsAt} and l.closed_late_at < ${endsAt})`;
    parts.push(part('l.town_code', {
      ever_overdue: 'count(*) filter (where l.overdue)',
      rectified_late: 'count(*) filter (where l.closed_late)',
    }, `from (select l.town_code, bool_or(${overdue}) as overdue, bool_or(${closedLate}) as closed_late
             from ${latenessWhere(db.viewer, filter, params, `(${overdue} or ${closedLate})`)}
             group by l.town_code, l.hazard_id) l
       group by l.town_code`));
  }
  const hazardTowns = parts.length === 1
    ? `hazard_towns as materialized (${parts[0]}),`
    : `hazard_towns as materialized (
       select p.town_code, ${Object.keys(ZERO).map((c) => `sum(p.${c})::int as ${c}`).join(', ')}
       from (${parts.join('\n       union all\n       ')}) p
       group by p.town_code
     ),`;

  // Enterprises, inspections and accidents, which the hazard filter does not narrow, from
  // their summaries for every viewer but an enterprise user (its own enterprise and that
  // enterprise's records, which no summary knows, are counted from the rows). A period's
  // inspections and accidents are those of the months it touches, less the records of these
  // months before its first day or after its last, read from the rows on inspections_date_idx
  // and accidents_occurred_idx: none for whole months, for a period ending today only those
  // dated after it. The accidents of the year before the same way, over its own months.
  const fromSupervision = summariesAnswer(db.viewer, null, 'supervision');
  const enterprises = fromSupervision ? { table: ENTERPRISE_COUNT_ROWS, count: 'e.enterprises' } : { table: 'enterprises', count: '1' };
  // Each colour its column, named as enterprisesByColour's fields.
  const enterpriseTowns = `select e.town_code, ${Object.values(RiskLevel).map((colour) =>
    `coalesce(sum(${enterprises.count}) filter (where e.risk_level = '${colour}'), 0)::int as ${colour.toLowerCase()}`).join(', ')}
       from ${enterprises.table} e where e.status <> 'CLOSED'
       group by e.town_code`;
  const inspectionTowns = fromSupervision
    ? `select p.town_code, sum(p.inspections)::int as inspections
       from (select s.town_code, s.inspections from ${INSPECTION_MONTH_ROWS} s where s.month >= ${firstMonth} and s.month <= ${lastMonth}
             union all
             select i.town_code, -1 from inspections i
             where ${periodDays.outside('i.inspected_on')}) p
       group by p.town_code`
    : `select i.town_code, count(*)::int as inspections
       from inspections i where ${inPeriodDays('i.inspected_on')}
       group by i.town_code`;
  const accidentTowns = fromSupervision
    ? `select p.town_code, ${Object.keys(ACCIDENT_FIGURES).flatMap((figure) => ['', '_prev'].map((suffix) =>
        `sum(p.${figure}${suffix})::${figure === 'loss' ? 'float8' : 'int'} as ${figure}${suffix}`)).join(', ')}
       from (${[
         accidentWindow('', from, to),
         accidentWindow('_prev', `(${from} - interval '1 year')::date`, `(${to} - interval '1 year')::date`),
       ].flat().join('\n             union all\n             ')}) p
       group by p.town_code`
    : `select a.town_code,
              count(*) filter (where ${inPeriod('a.occurred_at')})::int as accidents,
              count(*) filter (where ${inPreviousYear('a.occurred_at')})::int as accidents_prev,
              coalesce(sum(a.deaths) filter (where ${inPeriod('a.occurred_at')}), 0)::int as deaths,
              coalesce(sum(a.deaths) filter (where ${inPreviousYear('a.occurred_at')}), 0)::int as deaths_prev,
              coalesce(sum(a.serious_injuries) filter (where ${inPeriod('a.occurred_at')}), 0)::int as injuries,
              coalesce(sum(a.serious_injuries) filter (where ${inPreviousYear('a.occurred_at')}), 0)::int as injuries_prev,
              coalesce(sum(a.direct_loss_yuan) filter (where ${inPeriod('a.occurred_at')}), 0)::float8 as loss,
              coalesce(sum(a.direct_loss_yuan) filter (where ${inPreviousYear('a.occurred_at')}), 0)::float8 as loss_prev
       from accidents a where ${inPeriod('a.occurred_at')} or ${inPreviousYear('a.occurred_at')}
       group by a.town_code`;

  const rows = await db.query<StatsRow>(
    `with units as (
       select j.code, j.name, j.level, ${unitPrefixSql('j.code')} as prefix
       from jurisdictions j where ${units}
     ),
     -- Each table is read once and grouped by town; the towns are then summed into the units.
     -- Aggregating per unit instead reads the table once per unit (90 towns: 90 scans of a
     -- million hazards), because a "C"-collated prefix range cannot use the town_code index.
     ${hazardTowns}
     enterprise_towns as materialized (${enterpriseTowns}),
     inspection_towns as materialized (${inspectionTowns}),
     accident_towns as materialized (${accidentTowns}),
     figures as (
       select u.code, u.name, u.level, hz.*, en.*, ins.*, acc.*
       from units u
       cross join lateral (
         select ${sumsOf('open_general', 'open_major', 'overdue', 'ever_overdue', 'rectified_late', 'listed', 'found', 'rectified')}
         from hazard_towns t where ${inUnit('t.town_code')}) hz
       cross join lateral (
         select ${sumsOf('red', 'orange', 'yellow', 'blue')}
         from enterprise_towns t where ${inUnit('t.town_code')}) en
       cross join lateral (
         select ${sumsOf('inspections')}
         from inspection_towns t where ${inUnit('t.town_code')}) ins
       cross join lateral (
         select ${sumsOf('accidents', 'accidents_prev', 'deaths', 'deaths_prev', 'injuries', 'injuries_prev')},
                coalesce(sum(t.loss), 0)::float8 as loss, coalesce(sum(t.loss_prev), 0)::float8 as loss_prev
         from accident_towns t where ${inUnit('t.town_code')}) acc
     ),
     scored as (select f.*, (${score}) as risk_score from figures f),
     ranked as (
       select s.*, rank() over (order by s.risk_score desc)::int as rank, count(*) over ()::float8 as siblings
       from scored s
     )
     select r.*,
            case when r.risk_score = 0 then 'BLUE'
                 when (r.rank - 1) / r.siblings < ${quantile('RED')} then 'RED'
                 when (r.rank - 1) / r.siblings < ${quantile('ORANGE')} then 'ORANGE'
                 when (r.rank - 1) / r.siblings < ${quantile('YELLOW')} then 'YELLOW'
                 else 'BLUE' end as risk_color
     from ranked r order by r.rank, r.code`,
    params);

  // Whether parentCode exists in the viewer's sight is only asked when no unit came back:
  // a known parent costs one statement, an unknown one still gets BAD_USER_INPUT.
  if (rows.length === 0) await checkFilter(db, { jurisdictionCode: parentCode });

  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: row.level,
    openByLevel: { general: row.open_general, major: row.open_major },
    openMajor: row.open_major,
    overdue: row.overdue,
    everOverdue: row.ever_overdue,
    rectifiedLate: row.rectified_late,
    listed: row.listed,
    found: row.found,
    rectified: row.rectified,
    rectificationRate: row.found === 0 ? null : row.rectified / row.found,
    enterprisesByColour: { red: row.red, orange: row.orange, yellow: row.yellow, blue: row.blue },
    inspections: row.inspections,
    accidents: yearOnYear(row.accidents, row.accidents_prev),
    deaths: yearOnYear(row.deaths, row.deaths_prev),
    injuries: yearOnYear(row.injuries, row.injuries_prev),
    directLoss: yearOnYear(row.loss, row.loss_prev),
    riskScore: row.risk_score,
    riskScoreParts: RISK_PARTS.map((part) => {
      const value = row[PART_COLUMNS[part] as keyof StatsRow] as number;
      return { part, value, weight: weights[part], points: value * weights[part] };
    }),
    riskColor: row.risk_color,
    rank: row.rank,
  }));
}

/** Hazards matching the filter per sector, sectors with none left out, most first. */
export async function hazardsBySector(db: RequestDb, filter: HazardFilter | null): Promise<SectorCount[]> {
  await checkFilter(db, filter);
  await db.begin();
  const params: unknown[] = [];
  if (summariesAnswer(db.viewer, filter, 'counts')) {
    await noJit(db);
    return db.query<SectorCount>(
      `select s.sector, sum(s.hazards)::int as count, ${sumOf(`s.level = 'MAJOR'`)} as major, ${sumOf(overdueSql('s'))} as overdue
       from ${COUNT_ROWS} s where ${hazardWhere(filter, params, 's')}
       group by s.sector having sum(s.hazards) > 0 order by count desc, s.sector`,
      params);
  }
  return db.query<SectorCount>(
    `select h.sector, count(*)::int as count,
            count(*) filter (where h.level = 'MAJOR')::int as major,
            count(*) filter (where ${overdueSql('h')})::int as overdue
     from hazards h where ${hazardWhere(filter, params)}
     group by h.sector order by count desc, h.sector`,
    params);
}

/** Heatmap weights: a major hazard counts five times a general one (docs/metrics.md). */
export const DENSITY_LEVEL_WEIGHTS = { MAJOR: 5, GENERAL: 1 } as const;
export const MAX_DENSITY_CELLS = 65_536;

/** The heat weight of a hazard (or of a summary key) of `alias`.level, in SQL. */
export const levelWeightSql = (alias: string) => `(case ${alias}.level ${Object.entries(DENSITY_LEVEL_WEIGHTS)
  .map(([level, weight]) => `when '${level}' then ${weight}`).join(' ')} end)`;

/** The width of a density cell in degrees of longitude: sixteen across a web-map tile of that zoom. */
export function densityCellDegrees(zoom: number): number {
  return 22.5 / 2 ** zoom;
}

/**
 * The density's cells are the aggregated tiles' Web-Mercator cells (app.hazard_cells) of
 * zoom `zoom - 2`, 1 / 2^(zoom + 4) of the world wide: as wide as the degree cells they
 * replace (densityCellDegrees), sixteen across a tile of the requested zoom, so the web's
 * heatmap (one zoom finer than the view) still gets a cell every 16–32 px. The summary keeps
 * zooms 1 to 11; a cell of zoom 0 or below is the summary cell of zoom 1 shifted right by
 * the difference, as the tiles merge them. Finer than zoom 11, the summary cell of zoom 11
 * of the point scaled by 2^(c − 11) (exact in floating point, as every scale here is a
 * power of two) is the cell: the rows then answer.
 */
function densityGrid(zoom: number) {
  const cellZoom = zoom - 2;
  const summaryZoom = Math.min(CELL_ZOOMS.last, Math.max(CELL_ZOOMS.first, cellZoom));
  return {
    cellZoom,
    summaryZoom,
    shift: Math.max(0, summaryZoom - cellZoom),
    scale: 2 ** Math.max(0, cellZoom - summaryZoom),
    fromSummary: cellZoom <= CELL_ZOOMS.last,
  };
}

/**
 * Open hazards matching the filter (all statuses when `filter.statuses` is given) per
 * density cell whose centre lies in the box, with all of the cell's hazards. From the cell
 * summary when it holds the filter's fields, else from the rows, cut into the same cells.
 */
export async function hazardDensity(
  db: RequestDb, bbox: [number, number, number, number], zoom: number, filter: HazardFilter | null | undefined,
): Promise<DensityCell[]> {
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 22) throw badInput('zoom must be a whole number from 0 to 22', 'zoom');
  const degrees = densityCellDegrees(zoom);
  const [minLng, minLat, maxLng, maxLat] = bbox;
  if (((maxLng - minLng) / degrees) * ((maxLat - minLat) / degrees) > MAX_DENSITY_CELLS) {
    throw badInput('the box holds too many cells at this zoom; zoom in or shrink the box', 'bbox');
  }
  await checkFilter(db, filter);
  await db.begin();
  const grid = densityGrid(zoom);
  const params: unknown[] = [];
  const box4326 = bbox.map((value) => `${param(params, value)}::float8`).join(', ');
  const shift = `${param(params, grid.shift)}::int`;
  const summaryZoom = `${param(params, grid.summaryZoom)}::int`;
  // The cells whose centres lie in the box, as ranges of indexes (Web Mercator is monotonic
  // in both axes), the box first cut to the Web-Mercator world; `size` in metres. Written
  // inline, not in a CTE: as immutable functions of the parameters the planner folds them
  // into constants, so the summary's index reads only the box's columns of cells (a view of
  // a few streets reads a strip of its zoom, not all of it). The rows of the box are kept by
  // their merged index, after the index: given zoom, x and y ranges at once, the planner
  // takes them for independent, expects a hundredth of a city's keys and walks the index in
  // its order, visiting the table's pages at random, several times slower at 1M hazards.
  const world = 'st_tileenvelope(0, 0, 0)';
  const size = `((st_xmax(${world}) - st_xmin(${world})) / 2 ^ (${param(params, grid.cellZoom)}::int + 6))`;
  const box = `st_transform(st_clipbybox2d(st_makeenvelope(${box4326}, 4326), st_transform(${world}, 4326)::box2d), 3857)`;
  const first = (min: string) => `ceil(${min}(${box}) / ${size} - 0.5)::int`;
  const last = (max: string) => `floor(${max}(${box}) / ${size} - 0.5)::int`;
  const centre = `select st_x(c.centre) as lng, st_y(c.centre) as lat, cells.count, cells.weight
     from cells, lateral (select st_transform(st_point((cells.x + 0.5) * ${size}, (cells.y + 0.5) * ${size}, 3857), 4326) as centre) c
     order by lat, lng`;
  // One statement, without noJit's: its cost (~10,000–25,000 at 1M hazards) stays below
  // jit_above_cost, and the request then counts one statement for one aggregate.
  if (grid.fromSummary && summariesAnswer(db.viewer, filter, 'cells')) {
    const open = filter?.statuses ? '' : `and s.status <> 'CLOSED'`;
    return db.query<DensityCell>(
      `with cells as (
         select s.cell_x >> ${shift} as x, s.cell_y >> ${shift} as y,
                sum(s.hazards)::int as count, sum(s.hazards * ${levelWeightSql('s')})::int as weight
         from ${CELL_ROWS} s
         where s.zoom = ${summaryZoom}
           and s.cell_x >= ${first('st_xmin')} << ${shift} and s.cell_x < (${last('st_xmax')} + 1) << ${shift}
           and s.cell_y >> ${shift} between ${first('st_ymin')} and ${last('st_ymax')}
           and ${hazardWhere(filter, params, 's')} ${open}
         group by 1, 2
         having sum(s.hazards) > 0
       )
       ${centre}`,
      params);
  }
  const open = filter?.statuses ? '' : `and h.status <> 'CLOSED'`;
  const scale = `${param(params, grid.scale)}::float8`;
  // The rows of the cells' extent (the envelope transformed, not the column, for the GiST
  // index), each put in its cell by app.hazard_cells as the summary puts it.
  return db.query<DensityCell>(
    `with cells as (
       select g.cell_x >> ${shift} as x, g.cell_y >> ${shift} as y, count(*)::int as count, sum(${levelWeightSql('h')})::int as weight
       from hazards h,
            lateral (select st_transform(h.location, 3857) as p) projected,
            lateral app.hazard_cells(st_x(projected.p) * ${scale}, st_y(projected.p) * ${scale}) g
       where h.location && st_transform(st_expand(${box}, ${size}), 4326)
         and g.zoom = ${summaryZoom}
         and g.cell_x >> ${shift} between ${first('st_xmin')} and ${last('st_xmax')}
         and g.cell_y >> ${shift} between ${first('st_ymin')} and ${last('st_ymax')}
         and ${hazardWhere(filter, params)} ${open}
       group by 1, 2
     )
     ${centre}`,
    params);
}

const MAX_TREND_BUCKETS = 120;

/** Found, closed and overdue hazards per month or week of the period. */
export async function hazardTrend(
  db: RequestDb, filter: HazardFilter, period: Period, interval: TrendInterval,
): Promise<TrendBucket[]> {
  checkPeriod(period);
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days / (interval === TrendInterval.WEEK ? 7 : 28) > MAX_TREND_BUCKETS) {
    throw badInput(`a trend has at most ${MAX_TREND_BUCKETS} buckets`, 'from');
  }
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const unit = param(params, interval === TrendInterval.WEEK ? 'week' : 'month');
  const step = param(params, interval === TrendInterval.WEEK ? '1 week' : '1 month');
  // Each bucket is judged at its end (now for the current one) with the status and deadline
  // in force then (the lateness rows: the overdue parts of the history's stretches), so a
  // later extension, closing or reopening never changes a past bucket's overdue. A hazard has
  // one stretch in force at a moment: overdue at t counts the parts begun by t and not ended.
  // Bucket edges are days of the deployment's calendar. Found and closed per month from the
  // monthly summary when it answers the filter (month buckets start on the first of a month,
  // the months it keeps).
  await db.begin();
  const fromSummaries = interval === TrendInterval.MONTH && summariesAnswer(db.viewer, filter, 'months');
  const fromLatenessMonths = interval === TrendInterval.MONTH && summariesAnswer(db.viewer, filter, 'lateness');
  if (fromSummaries || fromLatenessMonths) await noJit(db);
  const from = `${param(params, period.from)}::date`;
  const to = `${param(params, period.to)}::date`;
  const counted = fromSummaries
    ? `coalesce((select f.found from figures f where f.month = b.start), 0) as found,
            coalesce((select f.closed from figures f where f.month = b.start), 0) as closed`
    : `(select count(*) from scoped s where s.found_at >= b.starts_at and s.found_at < b.stops_at)::int as found,
            (select count(*) from scoped s where s.closed_at >= b.starts_at and s.closed_at < b.stops_at)::int as closed`;
  // Found and closed per month each on its own (hazard_trend_months, 0031), only the
  // buckets' months: hazard_months keys both months together, many more keys to add up. The
  // first month as app.month_of (immutable), which the planner computes once, not per key.
  const figures = fromSummaries
    ? `figures as materialized (
       select s.month, sum(s.found)::int as found, sum(s.closed)::int as closed from ${TREND_MONTH_ROWS} s
       where ${hazardWhere(filter, params, 's')} and s.month between app.month_of(${from}) and ${to}
       group by s.month
     ),`
    : `scoped as materialized (select h.found_at, h.closed_at from hazards h where ${hazardWhere(filter, params)}),`;
  // Overdue at the end of whole months from the lateness months (the parts begun minus those
  // ended by each month's first moment), when they answer the filter: the current bucket, judged
  // now, adds the rows begun or ended since this month began. Otherwise from the rows: each
  // placed once among the buckets' moments, whole microseconds, so "before x" is "at or before
  // x − 1 µs", what width_bucket counts.
  const placed = (moment: string) => `width_bucket(${moment} - interval '1 microsecond', m.moments)`;
  const begunBy = (alias: string, by: string) => `sum(${alias}.change) filter (where ${alias}.month <= ${by})`;
  const sinceMonthBegan = (column: string) => `(l.${column} > t.starts_at and l.${column} <= now())`;
  const overdueSources = fromLatenessMonths
    ? `lateness_months as materialized (
       select s.month, sum(s.began - s.ended)::int as change from ${LATENESS_MONTH_ROWS} s
       where ${hazardWhere(filter, params, 's')}
       group by s.month
     ),
     this_month as materialized (select app.month_of(app.today()) as month, app.day_start(app.month_of(app.today())) as starts_at),
     lately as materialized (
       select (count(*) filter (where ${sinceMonthBegan('overdue_from')}) - count(*) filter (where ${sinceMonthBegan('overdue_until')}))::int as change
       from this_month t cross join ${LATENESS_ROWS} l
       where (${sinceMonthBegan('overdue_from')} or ${sinceMonthBegan('overdue_until')}) and ${hazardWhere(filter, params, 'l')}
     )`
    : `moments as materialized (select array_agg(b.judged_at order by b.start) as moments from buckets b),
     overdue_parts as materialized (
       select ${placed('l.overdue_from')} as first_place, ${placed('l.overdue_until')} as end_place, count(*)::int as parts
       from moments m cross join ${latenessWhere(db.viewer, filter, params, 'l.overdue_from is not null')}
       group by 1, 2
     )`;
  const overdue = fromLatenessMonths
    ? `(case when b.stops_at <= now() then (select coalesce(${begunBy('o', 'b.stop')}, 0) from lateness_months o)
             else (select coalesce(${begunBy('o', 't.month')}, 0) from lateness_months o, this_month t) + (select change from lately) end)::int`
    : `(select coalesce(sum(o.parts), 0) from overdue_parts o
             where o.first_place <= b.place and (o.end_place is null or o.end_place > b.place))::int`;
  const rows = await db.query<{ start: string; end: string; found: number; closed: number; overdue: number }>(
    `with ${figures} buckets as materialized (
       select b.start, b.stop, app.day_start(b.start) as starts_at, app.day_start(b.stop) as stops_at,
              least(app.day_start(b.stop), now()) as judged_at, (row_number() over (order by b.start) - 1)::int as place
       from (select d::date as start, (d + ${step}::interval)::date as stop
             from generate_series(date_trunc(${unit}, ${from}), ${to}, ${step}::interval) d) b
     ),
     ${overdueSources}
     select b.start, b.stop as "end", ${counted}, ${overdue} as overdue
     from buckets b order by b.start`,
    params);
  return rows;
}
