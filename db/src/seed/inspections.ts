import { INSPECTIONS_PER_YEAR } from './catalog';
import type { Enterprise } from './enterprises';
import { personName } from './names';
import { Rng } from './random';
import { bool, dateText, textArray, type Row } from './rows';
import { ACTIVITY_YEARS, campaignDay, CLOSED_QUIET_DAYS, HAZARD_YEARS, inCampaign, type World } from './world';

export type InspectionKind = 'ROUTINE' | 'SPECIAL_CAMPAIGN' | 'UNANNOUNCED' | 'JOINT' | 'FOLLOW_UP';

export interface Inspection {
  id: number;
  enterprise: Enterprise;
  day: number;
  kind: InspectionKind;
  /** How many ledger hazards this inspection found (0 before the ledger's two years). */
  found: number;
  row: Row;
  actions: Row[];
}

const KIND_LABEL: Readonly<Record<InspectionKind, string>> = {
  ROUTINE: '日常检查', SPECIAL_CAMPAIGN: '专项整治检查', UNANNOUNCED: '“四不两直”暗查暗访', JOINT: '联合执法检查', FOLLOW_UP: '“回头看”复查',
};

/** About a third of the ledger comes from inspections; the rest from self-inspection, reports and visits. */
const INSPECTION_SHARE = 0.35;

/** The mean number of hazards an inspection finds, so that inspections yield their share of `hazards`. */
function meanFound(world: World): number {
  const expected = world.enterprises.reduce((sum, e) => sum + INSPECTIONS_PER_YEAR[e.risk] * HAZARD_YEARS, 0);
  return (INSPECTION_SHARE * world.scale.hazards) / Math.max(1, expected);
}

/**
 * The inspections of the last three years with their enforcement actions, enterprise by
 * enterprise and in date order within one. A pure function of the world: it can be replayed.
 */
export function* inspections(world: World): Generator<Inspection> {
  const mean = meanFound(world);
  const ledgerStart = world.today - HAZARD_YEARS * 365;
  let id = 0;
  let actionId = 0;
  for (const enterprise of world.enterprises) {
    const rng = new Rng(world.seed, 'inspections', enterprise.id);
    // A closed enterprise (关闭取缔) has not been inspected since it closed.
    const last = world.today - (enterprise.status === 'CLOSED' ? CLOSED_QUIET_DAYS : 0);
    const days = Array.from({ length: rng.poisson(INSPECTIONS_PER_YEAR[enterprise.risk] * ACTIVITY_YEARS) },
      () => campaignDay(rng, world.today - ACTIVITY_YEARS * 365, last)).sort((a, b) => a - b);
    for (const day of days) {
      id++;
      const kind = rng.weighted<InspectionKind>({ ROUTINE: 45, SPECIAL_CAMPAIGN: inCampaign(day) ? 40 : 8, UNANNOUNCED: 15, JOINT: 10, FOLLOW_UP: 10 });
      const found = day >= ledgerStart ? rng.poisson(mean) : 0;
      const summary = `${KIND_LABEL[kind]}：` + (day < ledgerStart ? '检查记录已归档'
        : found > 0 ? `发现隐患${found}项，已责令限期整改` : '未发现明显隐患');
      const actions: Row[] = [];
      const act = (kind: string, fine: number | null, note: string): void => {
        actions.push([String(++actionId), String(id), enterprise.town.code, kind, fine === null ? null : fine.toFixed(2), note]);
      };
      if (found > 0) act('ORDER_RECTIFY', null, '下达责令限期整改指令书');
      if (found > 0 && rng.chance(0.15)) act('FINE', rng.int(1, 40) * 5000, '依据《安全生产法》予以罚款');
      if (found > 1 && rng.chance(0.04)) act('SUSPEND', null, '责令停产停业整顿');
      if (found > 1 && rng.chance(0.005)) act('CLOSE', null, '提请人民政府予以关闭');
      if (found > 1 && rng.chance(0.005)) act('REFER_JUDICIARY', null, '涉嫌危险作业罪，移送公安机关');
      yield {
        id, enterprise, day, kind, found, actions,
        row: [String(id), String(enterprise.id), enterprise.town.code, enterprise.sector, dateText(day),
          enterprise.department, textArray([personName(rng), personName(rng)]), kind, summary, bool(true)],
      };
    }
  }
}
