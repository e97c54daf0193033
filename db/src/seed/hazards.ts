import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { DEADLINE_REASONS, enterpriseItems, fillTemplate, MEASURES, PLACES, roadItems, SECTORS, type HazardItem, type Sector } from './catalog';
import type { Enterprise } from './enterprises';
import { randomPointIn, type Geography, type Town } from './geography';
import { inspections, type Inspection } from './inspections';
import { mobileNumber, personName } from './names';
import { Rng } from './random';
import type { RoadSegment } from './roads';
import { bool, dateText, DAY_MS, dayOf, HOUR_MS, pointText, startOfDay, timestampText, type Row } from './rows';
import type { Level } from './staff';
import { campaignDay, CLOSED_QUIET_DAYS, HAZARD_YEARS, type World } from './world';

// The hazard ledger. Each hazard lives its life forward from its discovery (buildHazard),
// following only the legal transitions of hazard_transitions, each step by the person whose
// duty it is; the anchor instant cuts it where it stands. The overdue share, the overdue ages
// and the rectification rate follow from how often and by how much rectification runs late,
// not from a status decided up front, so they hold together as in a real ledger.

export type Status = 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION' | 'CLOSED';
export type Source = 'SELF_INSPECTION' | 'DEPARTMENT_INSPECTION' | 'SUPERVISION' | 'UNANNOUNCED_VISIT' | 'PUBLIC_REPORT';

export type Subject =
  | { kind: 'enterprise'; enterprise: Enterprise }
  | { kind: 'road'; segment: RoadSegment }
  | { kind: 'place'; town: Town; place: (typeof PLACES)[number] };

export interface HazardBundle {
  hazard: Row;
  history: Row[];
  listings: Row[];
}

/**
 * The chance that a hazard's rectification runs past its deadline, before the town's lag:
 * tuned so that about a tenth of the open hazards are overdue, most of them by weeks.
 */
const LATE_CHANCE = 0.038;
/** How late a late rectification is submitted: log-normal, median and spread (days). */
const LATENESS = [22, 0.8] as const;
/** The few late ones that stall for months (funds, a relocation): the last year's rate stays short of 100 %. */
const STALLED_CHANCE = 0.04;
const STALLED_LATENESS = [240, 0.5] as const;
const MAJOR_SHARE = 0.032;
const MAJOR_FACTOR = { RED: 2.5, ORANGE: 1.6, YELLOW: 1, BLUE: 0.7 } as const;

const NOTES = {
  start: '五到位措施落实，开始整改',
  submit: '整改完成，申请验收',
  pass: '验收合格，予以销号',
  fail: '验收不合格，退回重新整改',
  reopen: '“回头看”发现问题反弹，重新整改',
} as const;

const SOURCE_LABEL: Readonly<Record<Source, string>> = {
  SELF_INSPECTION: '企业自查', DEPARTMENT_INSPECTION: '部门检查', SUPERVISION: '督查检查',
  UNANNOUNCED_VISIT: '明查暗访', PUBLIC_REPORT: '群众举报',
};

interface Place {
  location: Position;
  town: Town;
  sector: Sector;
  name: string;
  descriptionPrefix: string;
  department: string;
  items: { general: readonly HazardItem[]; major: readonly HazardItem[] };
}

function place(world: World, subject: Subject, rng: Rng): Place {
  switch (subject.kind) {
    case 'enterprise': {
      const e = subject.enterprise;
      return { location: e.location, town: e.town, sector: e.sector, name: e.name, descriptionPrefix: '', department: e.department,
        items: enterpriseItems(e.sector, e.business) };
    }
    case 'road': {
      const s = subject.segment;
      const line = turf.lineString(s.line);
      const length = turf.length(line);
      const along = rng.next() * length;
      // A point exactly on a town edge belongs to no town here: fall back to the midpoint,
      // which lies in the segment's own town by construction.
      const candidate = turf.along(line, along).geometry.coordinates;
      const town = world.townIndex.at(candidate);
      const location = town ? candidate : turf.along(line, length / 2).geometry.coordinates;
      const chainage = Number(s.row[4]) + Math.round(along * 1000);
      return {
        location, town: town ?? s.town, sector: 'ROAD_TRAFFIC', name: `${s.town.countyName}公路建设养护中心`,
        descriptionPrefix: `${s.roadName}K${Math.floor(chainage / 1000)}+${String(chainage % 1000).padStart(3, '0')}处`,
        department: '交通运输局', items: roadItems(s.features),
      };
    }
    case 'place':
      return {
        location: randomPointIn(subject.town, rng), town: subject.town, sector: subject.place.sector,
        name: `${subject.town.name}人民政府`, descriptionPrefix: `${subject.town.name}${subject.place.name}`,
        department: SECTORS[subject.place.sector].department, items: subject.place,
      };
  }
}

const LISTING_BODY = (level: Level, town: Town, geography: Geography): string =>
  `${level === 'COUNTY' ? town.countyName : level === 'CITY' ? geography.city.name : geography.province.name}安全生产委员会`;

/** Who acts on a hazard (the closed loop's separation of duties, shared/domain.md). */
interface Cast {
  registrar: number;
  /** The rectifying party: the enterprise's safety officer, or the town's officer for a road or a place. It starts and submits. */
  rectifier: number;
  /** The staff in charge: extends deadlines, reopens (回头看); never the rectifier. */
  supervisor: number;
  /** Who verifies (验收): staff who neither started nor submitted, at the listing level or above for a listed hazard. */
  verifier: number;
}

function cast(world: World, subject: Subject, where: Place, level: string, source: Source, top: Level | null, rng: Rng): Cast {
  const { staff } = world;
  const [townHead, townOfficer] = staff.town(where.town.code);
  const inspectors = staff.inspectors(where.town.countyCode, where.sector);
  const rectifier = subject.kind === 'enterprise' ? staff.enterprise(subject.enterprise.id) : townOfficer;
  // A major hazard is the sector department's to verify; a town verifies only general
  // hazards of the enterprises in it, never what it rectified itself.
  const supervisor = level === 'MAJOR' || subject.kind !== 'enterprise' || rng.chance(0.4) ? rng.pick(inspectors) : townHead;
  const verifier = top === 'CITY' || top === 'PROVINCE' ? staff.above(top, where.sector) : supervisor;
  const registrar = source === 'SELF_INSPECTION' ? rectifier
    : source === 'PUBLIC_REPORT' ? townHead
      : source === 'SUPERVISION' ? staff.office('COUNTY', where.town.countyCode) : rng.pick(inspectors);
  return { registrar, rectifier, supervisor, verifier };
}

/** One step of a hazard's life, before it is replayed into a history row. */
interface Step {
  at: number;
  event: 'CREATED' | 'TRANSITION' | 'DEADLINE_EXTENDED' | 'LISTED';
  /** The status a TRANSITION moves to. */
  to?: Status;
  actor: number;
  note: string;
  /** The deadline an extension moves to. */
  extendTo?: number;
  /** The level a LISTED step lists at: its safety committee office acts. */
  listing?: Level;
}

const days = (n: number): number => n * DAY_MS;

/**
 * Builds hazard `id` with its full history and listings; history and listing ids come from `ids`.
 *
 * The life is simulated forward from discovery, as it would happen: registration with a
 * deadline, the start of rectification, perhaps an extension (granted before the deadline
 * passes), the submission — on time, or late for some, by weeks — and the verification, which
 * sometimes fails, and later perhaps a 回头看 that reopens it. What lies after the anchor
 * instant has not happened yet and is cut off: the hazard's status is where its life stands.
 */
export function buildHazard(world: World, id: number, rng: Rng, subject: Subject, source: Source, foundAt: number,
  inspectionId: number | null, ids: { history: number; listing: number }): HazardBundle {
  const where = place(world, subject, rng);
  const risk = subject.kind === 'enterprise' ? subject.enterprise.risk : subject.kind === 'road' ? subject.segment.risk : 'YELLOW';
  const level = where.items.major.length > 0 && rng.chance(MAJOR_SHARE * MAJOR_FACTOR[risk]) ? 'MAJOR' : 'GENERAL';
  const major = level === 'MAJOR';
  const item = rng.pick(major ? where.items.major : where.items.general);
  const isPublic = source === 'PUBLIC_REPORT';
  // The hazards of a closed enterprise were all closed before it closed (CLOSED_QUIET_DAYS).
  const mustClose = subject.kind === 'enterprise' && subject.enterprise.status === 'CLOSED';
  const now = world.now;
  const overdueFrom = (deadline: number): number => startOfDay(deadline + 1);

  const duration = major ? rng.int(30, mustClose ? 60 : 150)
    : rng.chance(0.4) ? rng.int(3, 7) : rng.chance(0.67) ? rng.int(7, 20) : rng.int(20, 45);
  const late = !mustClose && rng.chance(LATE_CHANCE * world.townLag.get(where.town.code)! * (major ? 1.3 : 1));
  const lateness = !late ? 0 : days(rng.chance(STALLED_CHANCE) ? rng.logNormal(...STALLED_LATENESS) : rng.logNormal(...LATENESS));
  let start = foundAt + Math.max(10 * 60_000, days(Math.min(5, rng.logNormal(0.5, 1))));
  // A public report gets its deadline when the rectification starts; the others at registration.
  const original = (isPublic ? dayOf(start) : dayOf(foundAt)) + duration;
  const lateStart = late && !isPublic && rng.chance(0.25);
  if (lateStart) start = overdueFrom(original) + lateness * rng.float(0.2, 0.6);

  let deadline = original;
  let extendedAt: number | null = null;
  const extendBy = Math.min(overdueFrom(original), now);
  if (!lateStart && !mustClose && extendBy - start > HOUR_MS && rng.chance(major ? 0.2 : 0.06)) {
    extendedAt = start + Math.round((extendBy - start) * rng.float(0.3, 0.9));
    deadline = original + rng.int(15, major ? 90 : 45);
  }
  const workFrom = extendedAt ?? start;
  const submit = Math.max(workFrom + 30 * 60_000,
    late ? overdueFrom(deadline) + lateness : workFrom + (overdueFrom(deadline) - workFrom) * rng.float(0.3, 0.98));
  // Verification waits for the verifier's round: days for a general hazard, a week or more for a major one.
  const verifyDelay = (): number => days(Math.max(0.1, Math.min(30, rng.logNormal(major ? 8 : 3, 0.7))));

  // The life, as planned: registration, start, submission and verification cycles.
  type Planned = Omit<Step, 'actor'> & { by: keyof Cast };
  const plan: Planned[] = [
    { at: foundAt, event: 'CREATED', by: 'registrar', note: `${SOURCE_LABEL[source]}登记隐患` },
    { at: start, event: 'TRANSITION', to: 'RECTIFYING', by: 'rectifier', note: NOTES.start },
  ];
  if (extendedAt !== null) {
    plan.push({ at: extendedAt, event: 'DEADLINE_EXTENDED', by: 'supervisor', note: `延期原因：${rng.pick(DEADLINE_REASONS)}`, extendTo: deadline });
  }
  let t = submit;
  plan.push({ at: t, event: 'TRANSITION', to: 'AWAITING_VERIFICATION', by: 'rectifier', note: NOTES.submit });
  if (!mustClose && rng.chance(0.08)) {
    plan.push({ at: t += verifyDelay(), event: 'TRANSITION', to: 'RECTIFYING', by: 'verifier', note: NOTES.fail });
    plan.push({ at: t += days(rng.logNormal(6, 0.6)), event: 'TRANSITION', to: 'AWAITING_VERIFICATION', by: 'rectifier', note: NOTES.submit });
  }
  plan.push({ at: t += verifyDelay(), event: 'TRANSITION', to: 'CLOSED', by: 'verifier', note: NOTES.pass });
  const closedFirst = t;
  if (!mustClose && rng.chance(0.03)) {
    plan.push({ at: t += days(rng.float(20, 90)), event: 'TRANSITION', to: 'RECTIFYING', by: 'supervisor', note: NOTES.reopen });
    plan.push({ at: t += days(rng.logNormal(8, 0.6)), event: 'TRANSITION', to: 'AWAITING_VERIFICATION', by: 'rectifier', note: NOTES.submit });
    plan.push({ at: t += verifyDelay(), event: 'TRANSITION', to: 'CLOSED', by: 'verifier', note: NOTES.pass });
  }

  // Listed supervision (挂牌督办) is for major hazards only, and chases them while open.
  const listingLevels: Level[] = [];
  if (major && rng.chance(0.5)) {
    const top = rng.weighted<Level>({ COUNTY: 55, CITY: 35, PROVINCE: 10 });
    if (top === 'CITY' && rng.chance(0.4)) listingLevels.push('COUNTY');
    if (top === 'PROVINCE' && rng.chance(0.5)) listingLevels.push('CITY');
    listingLevels.push(top);
  }
  const who = cast(world, subject, where, level, source, listingLevels[listingLevels.length - 1] ?? null, rng);
  const listingLimit = Math.min(closedFirst, now);
  let listedAt = foundAt;
  const listed: Array<{ level: Level; at: number; body: string }> = [];
  for (const listing of listingLevels) {
    listedAt = Math.round(Math.min(listedAt + days(rng.float(2, 30)), listedAt + (listingLimit - listedAt) * 0.5));
    const body = LISTING_BODY(listing, where.town, world.geography);
    listed.push({ level: listing, at: listedAt, body });
    plan.push({ at: listedAt, event: 'LISTED', by: 'supervisor', note: `${listing}: ${body}`, listing });
  }

  // In time order, strictly increasing, and only what has happened before the anchor instant.
  plan.sort((a, b) => a.at - b.at);
  plan.forEach((step, i) => {
    step.at = Math.round(step.at);
    if (i > 0 && step.at <= plan[i - 1]!.at) step.at = plan[i - 1]!.at + 1;
  });
  const steps: Step[] = plan.filter((step) => step.at < now).map((step) => ({
    ...step,
    actor: step.listing ? world.staff.office(step.listing, where.town.countyCode) : who[step.by],
  }));

  // Replay, as the triggers would record it: each row's status before and after, and the
  // deadline in force before and after it.
  let status: Status = 'REPORTED';
  let inForce: number | null = isPublic ? null : original;
  let closedAt: string | null = null;
  const history: Row[] = steps.map((step) => {
    const from = step.event === 'CREATED' ? null : status;
    const before = inForce;
    if (step.event === 'TRANSITION') {
      status = step.to!;
      inForce ??= original;
      closedAt = status === 'CLOSED' ? timestampText(step.at) : null;
    } else if (step.event === 'DEADLINE_EXTENDED') {
      inForce = step.extendTo!;
    }
    // A listing sets no deadline; creation sets the first, if any; the rest carry before and after.
    const listing = step.event === 'LISTED';
    return [String(++ids.history), String(id), where.town.code, where.sector, step.event, from, status,
      timestampText(step.at), step.note,
      listing || step.event === 'CREATED' || before === null ? null : dateText(before),
      listing || inForce === null ? null : dateText(inForce),
      String(step.actor)];
  });

  const keptListings = listed.filter((l) => l.at < now);
  const listings: Row[] = [];
  const responsible = subject.kind === 'enterprise' && rng.chance(0.6) ? subject.enterprise.contactName : personName(rng);
  for (const l of keptListings) {
    listings.push([String(++ids.listing), String(id), where.town.code, where.sector, l.level, l.body, where.name, responsible,
      `${where.town.countyName}${where.department}`, personName(rng), personName(rng), dateText(inForce ?? original),
      dateText(dayOf(l.at)).slice(0, 4), timestampText(l.at), String(world.staff.office(l.level, where.town.countyCode))]);
  }
  const started = status !== 'REPORTED';
  const funds = major ? rng.int(50, 3000) * 1000 : rng.int(5, 500) * 100;
  const topListing = keptListings[keptListings.length - 1]?.level ?? null;
  const code = `YH-${where.town.code}-${dateText(dayOf(foundAt)).replaceAll('-', '')}-${String(id).padStart(6, '0')}`;
  return {
    history,
    listings,
    hazard: [String(id), code, `${where.descriptionPrefix}${fillTemplate((items) => rng.pick(items), item.description)}`, level,
      where.sector, item.type, source,
      subject.kind === 'enterprise' ? String(subject.enterprise.id) : null,
      subject.kind === 'road' ? String(subject.segment.id) : null,
      subject.kind === 'place' ? `${subject.town.name}${subject.place.name}` : null,
      inspectionId === null ? null : String(inspectionId), pointText(where.location), where.town.code, timestampText(foundAt),
      isPublic && !started ? null : responsible,
      started ? rng.pick(MEASURES) : null,
      started ? funds.toFixed(2) : null,
      inForce === null ? null : dateText(inForce),
      started ? `《${where.name}隐患整改期间应急处置方案》` : null,
      topListing, bool(topListing !== null), status, closedAt,
      isPublic ? mobileNumber(rng) : null, bool(true),
      timestampText(foundAt), timestampText(steps[steps.length - 1]!.at)],
  };
}

const INSPECTION_SOURCE = (inspection: Inspection, rng: Rng): Source =>
  inspection.kind === 'UNANNOUNCED' ? 'UNANNOUNCED_VISIT'
    : inspection.kind === 'SPECIAL_CAMPAIGN' && rng.chance(0.5) ? 'SUPERVISION' : 'DEPARTMENT_INSPECTION';

/** A subject and source for a hazard not found by a recorded inspection, found on `foundDay`. */
function independentSubject(world: World, rng: Rng, foundDay: number): [Subject, Source] {
  const kind = rng.weighted({ enterprise: 70, road: world.roadSegments.length > 0 ? 10 : 0, place: 20 });
  if (kind === 'enterprise') {
    // Nothing is found at an enterprise after it was closed (关闭取缔).
    let enterprise = world.hazardProne.pick(rng);
    while (enterprise.status === 'CLOSED' && foundDay > world.today - CLOSED_QUIET_DAYS) enterprise = world.hazardProne.pick(rng);
    return [{ kind, enterprise },
      rng.weighted<Source>({ SELF_INSPECTION: 75, SUPERVISION: 10, UNANNOUNCED_VISIT: 5, PUBLIC_REPORT: 10 })];
  }
  if (kind === 'road') {
    return [{ kind, segment: world.dangerousSegments.pick(rng) },
      rng.weighted<Source>({ PUBLIC_REPORT: 30, SUPERVISION: 40, DEPARTMENT_INSPECTION: 30 })];
  }
  return [{ kind, town: world.towns.pick(rng), place: rng.pick(PLACES) },
    rng.weighted<Source>({ PUBLIC_REPORT: 50, SUPERVISION: 25, UNANNOUNCED_VISIT: 25 })];
}

/**
 * The ledger: first the hazards found by recorded inspections (at the inspection's date),
 * then the others, found in the last two years by the campaign calendar, up to `world.scale.hazards`.
 */
export function* hazards(world: World): Generator<HazardBundle> {
  const ids = { history: 0, listing: 0 };
  let id = 0;
  for (const inspection of inspections(world)) {
    for (let k = 0; k < inspection.found && id < world.scale.hazards; k++) {
      const rng = new Rng(world.seed, 'hazard', ++id);
      const foundAt = Math.round(startOfDay(inspection.day) + rng.float(8.5, 17.5) * HOUR_MS);
      yield buildHazard(world, id, rng, { kind: 'enterprise', enterprise: inspection.enterprise },
        INSPECTION_SOURCE(inspection, rng), foundAt, inspection.id, ids);
    }
  }
  while (id < world.scale.hazards) {
    const rng = new Rng(world.seed, 'hazard', ++id);
    const day = campaignDay(rng, world.today - HAZARD_YEARS * 365, world.today);
    const foundAt = Math.round(startOfDay(day) + rng.float(8, 18) * HOUR_MS);
    const [subject, source] = independentSubject(world, rng, day);
    yield buildHazard(world, id, rng, subject, source, foundAt, null, ids);
  }
}
