import { Arg, Ctx, Extensions, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { jurisdictionCode } from '../common/filter-sql';
import { requireRole } from '../common/mutation';
import { scanCost } from '../common/query-limits';
import { briefingDocx } from './briefing.docx';
import { briefingPdf } from './briefing.pdf';
import { briefingUnit, monthlyBriefing, parseMonth, quarterlyRows, quarterMonths } from './briefing.service';
import { listBriefings, storeBriefing } from './briefing.store';
import { Briefing, BriefingKind } from './briefing.type';
import { quarterlyXlsx } from './quarterly.xlsx';

/** Reports upward are made by those who read whole units (the database's insert policy says the same). */
const REPORTING_ROLES = ['admin', 'leader', 'analyst'] as const;
const MAX_LISTED = 200;

// Generating reads the unit's figures several times over (jurisdictionStats): heavy.
@Resolver()
export class BriefingResolver {
  @Extensions(scanCost(8))
  @Mutation(() => Briefing, { description: '月度通报 of a city or county for a month (YYYY-MM), as DOCX and PDF, kept for later download. Leaders, analysts, admin.' })
  async generateBriefing(
    @Arg('jurisdictionCode', () => String) code: string,
    @Arg('month', () => String, { description: 'YYYY-MM, a month that has begun.' }) month: string,
    @Ctx() ctx: Context,
  ): Promise<Briefing> {
    requireRole(ctx.viewer, REPORTING_ROLES, 'generate a briefing');
    const { year, month: m } = parseMonth(month);
    const unit = await briefingUnit(ctx.db, code, year, m, 1);
    const content = await monthlyBriefing(ctx.db, ctx.config, unit);
    const [docx, pdf] = [await briefingDocx(content), await briefingPdf(content, ctx.config.cjkFont)];
    return storeBriefing(ctx.db, { kind: BriefingKind.MONTHLY, jurisdictionCode: unit.unit.code, period: unit.period, title: content.title, files: { docx, pdf } });
  }

  @Extensions(scanCost(12))
  @Mutation(() => Briefing, { description: '隐患排查治理情况统计分析表 of a city or county for a quarter, as XLSX (docs/exports.md), kept. Leaders, analysts, admin.' })
  async generateQuarterlyTable(
    @Arg('jurisdictionCode', () => String) code: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { description: '1 to 4.' }) quarter: number,
    @Ctx() ctx: Context,
  ): Promise<Briefing> {
    requireRole(ctx.viewer, REPORTING_ROLES, 'generate a statistics table');
    const unit = await briefingUnit(ctx.db, code, year, quarterMonths(quarter), 3);
    const title = `${unit.unit.name}${year}年第${quarter}季度隐患排查治理情况统计分析表`;
    const xlsx = await quarterlyXlsx(unit.unit.name, title, unit.period, await quarterlyRows(ctx.db, ctx.config, unit));
    return storeBriefing(ctx.db, { kind: BriefingKind.QUARTERLY, jurisdictionCode: unit.unit.code, period: unit.period, title, files: { xlsx } });
  }

  @Query(() => [Briefing], { description: 'Kept briefings and tables the viewer may read, newest first; of one unit when given.' })
  briefings(
    @Arg('jurisdictionCode', () => String, { nullable: true }) code: string | null | undefined,
    @Arg('first', () => Int, { defaultValue: 50, description: `At most ${MAX_LISTED}.` }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Briefing[]> {
    requireRole(ctx.viewer, REPORTING_ROLES, 'read briefings');
    if (!(first >= 1 && first <= MAX_LISTED)) throw badInput(`first must be 1 to ${MAX_LISTED}`, 'first');
    return listBriefings(ctx.db, code ? jurisdictionCode(code) : null, first);
  }
}
