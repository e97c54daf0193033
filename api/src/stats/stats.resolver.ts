import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Extensions, Info, Int, Query, Resolver } from 'type-graphql';
import { today } from '../clock/clock.service';
import type { Context } from '../common/context';
import type { RequestDb } from '../common/request-db';
import { scanCost } from '../common/query-limits';
import { BBoxScalar, type BBox } from '../common/scalars';
import { HazardFilter } from '../hazard/hazard.input';
import { JurisdictionLevel } from '../jurisdiction/jurisdiction.type';
import { withZones } from './ranking-zone';
import { hazardDensity, hazardsBySector, hazardTrend, jurisdictionStats, type Period } from './stats.service';
import { DensityCell, JurisdictionStats, SectorCount, TrendBucket, TrendInterval } from './stats.type';

/** The period asked for, by default from 1 January of this year to today (the deployment's). */
export async function periodOf(db: RequestDb, from: string | null | undefined, to: string | null | undefined): Promise<Period> {
  if (from && to) return { from, to };
  const now = await today(db);
  return { from: from ?? `${now.slice(0, 4)}-01-01`, to: to ?? now };
}

/** Whether the query selects one of `fields` of the resolved object (through fragments too). */
function selects(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean => set !== undefined && set.selections.some((s) =>
    s.kind === Kind.FIELD ? fields.includes(s.name.value)
      : s.kind === Kind.INLINE_FRAGMENT ? visit(s.selectionSet)
        : visit(info.fragments[s.name.value]?.selectionSet));
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

// Each aggregate reads its tables in full within the viewer's scope, whatever fields are
// asked: it costs what it scans (query-limits.ts), and counts as a heavy request.
@Resolver()
export class StatsResolver {
  // Hazards, enterprises, inspections and accidents.
  @Extensions(scanCost(4))
  @Query(() => [JurisdictionStats], { description: 'Figures per unit under parentCode, ranked by risk score (docs/metrics.md). Period: whole days, both ends included.' })
  jurisdictionStats(
    @Arg('parentCode', () => String) parentCode: string,
    @Arg('level', () => JurisdictionLevel, { nullable: true, description: 'Units of this level under the parent; the parent\'s direct children when omitted.' }) level: JurisdictionLevel | null,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'Default: 1 January of this year.' }) from: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Default: today.' }) to: string | null,
    @Arg('filter', () => HazardFilter, { nullable: true, description: 'Which hazards the hazard figures count, so the numbers follow the list\'s filter; enterprises, inspections and accidents are not filtered.' }) filter: HazardFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<JurisdictionStats[]> {
    // Keyed by the arguments as sent, so a repeat is answered without asking the clock; a
    // cached default period may lag a day change by the cache's 30 s.
    const lateness = selects(info, ['everOverdue', 'rectifiedLate']);
    return ctx.aggregates.get(ctx.viewer, 'jurisdictionStats', [parentCode, level, from, to, filter, lateness], async () => {
      const rows = await jurisdictionStats(ctx.db, parentCode, level ?? null, await periodOf(ctx.db, from, to), ctx.config.riskScoreWeights, filter, lateness);
      return withZones(rows, ctx.config.rankingZones);
    });
  }

  @Extensions(scanCost(1))
  @Query(() => [SectorCount], { description: 'Hazards matching the filter per sector (行业领域), most first; sectors with none are left out.' })
  hazardsBySector(
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | null,
    @Ctx() ctx: Context,
  ): Promise<SectorCount[]> {
    return ctx.aggregates.get(ctx.viewer, 'hazardsBySector', [filter], () => hazardsBySector(ctx.db, filter));
  }

  @Extensions(scanCost(1))
  @Query(() => [DensityCell], {
    description: 'Hazards per grid cell, weighted by level; open hazards unless filter.statuses says otherwise. The box '
      + 'applies per cell: a cell counts, with all its hazards, when its centre lies in the box (docs/metrics.md).',
  })
  hazardDensity(
    @Arg('bbox', () => BBoxScalar, { description: 'Cells whose centres lie in this box.' }) bbox: BBox,
    @Arg('zoom', () => Int, {
      description: 'Web-map zoom 0–22; cells are Web-Mercator (EPSG:3857) squares 1/2^(zoom + 4) of the world wide '
        + '(22.5 / 2^zoom degrees of longitude, sixteen across a map tile of that zoom): the aggregated tiles\' cells of zoom − 2.',
    }) zoom: number,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | null,
    @Ctx() ctx: Context,
  ): Promise<DensityCell[]> {
    return ctx.aggregates.get(ctx.viewer, 'hazardDensity', [bbox, zoom, filter], () => hazardDensity(ctx.db, bbox, zoom, filter));
  }

  @Extensions(scanCost(1))
  @Query(() => [TrendBucket], { description: 'Hazards found, closed and overdue per month or week (docs/metrics.md).' })
  hazardTrend(
    @Arg('jurisdictionCode', () => String, { nullable: true }) jurisdictionCode: string | null,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('interval', () => TrendInterval, { defaultValue: TrendInterval.MONTH }) interval: TrendInterval,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | null,
    @Ctx() ctx: Context,
  ): Promise<TrendBucket[]> {
    const scoped = { ...filter, jurisdictionCode: jurisdictionCode ?? filter?.jurisdictionCode ?? null };
    return ctx.aggregates.get(ctx.viewer, 'hazardTrend', [scoped, from, to, interval], () => hazardTrend(ctx.db, scoped, { from, to }, interval));
  }
}
