import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { DEADLINE_REASONS, MEASURES, PLACES, SECTORS, type HazardItem, type Sector } from './catalog';
import type { Enterprise } from './enterprises';
import { randomPointIn, type Town } from './geography';
import { inspections, type Inspection } from './inspections';
import { mobileNumber, personName } from './names';
import { Rng } from './random';
import type { RoadSegment } from './roads';
import { bool, dateText, DAY_MS, dayOf, HOUR_MS, pointText, startOfDay, timestampText, type Row } from './rows';
import { HAZARD_YEARS, type World } from './world';

// The hazard ledger. Each hazard's life is decided first (its deadline, whether it ends up
// overdue, its final status) and its history is then laid out backwards from that decision
// in time between its discovery and the anchor day, following only the legal transitions of
// hazard_transitions. Deciding first is what keeps the overdue share near a tenth whatever
// the seed, while every history stays consistent with its hazard.

export type Status = 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION' | 'CLOSED';
export type Source = 'SELF_INSPECTION' | 'DEPARTMENT_INSPECTION' | 'SUPERVISION' | 'UNANNOUNCED_VISIT' | 'PUBLIC_REPORT';
type Level = 'COUNTY' | 'CITY' | 'PROVINCE';

export type Subject =
  | { kind: 'enterprise'; enterprise: Enterprise }
  | { kind: 'road'; segment: RoadSegment }
  | { kind: 'place'; town: Town; placeName: string; sector: Sector };

export interface HazardBundle {
  hazard: Row;
  history: Row[];
  listings: Row[];
}

/** Base chance that a hazard whose deadline has passed is still open: tuned for ~10% overdue. */
const OVERDUE_CHANCE = 0.115;
const MAJOR_SHARE = 0.032;
const MAJOR_FACTOR = { RED: 2.5, ORANGE: 1.6, YELLOW: 1, BLUE: 0.7 } as const;

/** The paths from REPORTED to each final status: mostly straight, some with a failed check or a reopening. */
const PATHS: Readonly<Record<Status, ReadonlyArray<readonly [number, readonly Status[]]>>> = {
  REPORTED: [[1, []]],
  RECTIFYING: [[85, ['RECTIFYING']], [10, ['RECTIFYING', 'AWAITING_VERIFICATION', 'RECTIFYING']],
    [5, ['RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED', 'RECTIFYING']]],
  AWAITING_VERIFICATION: [[90, ['RECTIFYING', 'AWAITING_VERIFICATION']],
    [10, ['RECTIFYING', 'AWAITING_VERIFICATION', 'RECTIFYING', 'AWAITING_VERIFICATION']]],
  CLOSED: [[85, ['RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED']],
    [10, ['RECTIFYING', 'AWAITING_VERIFICATION', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED']],
    [5, ['RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED']]],
};

function transitionNote(from: Status, to: Status): string {
  if (to === 'RECTIFYING') {
    return from === 'REPORTED' ? '五到位措施落实，开始整改'
      : from === 'CLOSED' ? '“回头看”发现问题反弹，重新整改' : '验收不合格，退回重新整改';
  }
  return to === 'AWAITING_VERIFICATION' ? '整改完成，申请验收' : '验收合格，予以销号';
}

const SOURCE_LABEL: Readonly<Record<Source, string>> = {
  SELF_INSPECTION: '企业自查', DEPARTMENT_INSPECTION: '部门检查', SUPERVISION: '督查检查',
  UNANNOUNCED_VISIT: '明查暗访', PUBLIC_REPORT: '群众举报',
};

/** Increasing instants for the `count` events of a path, the last one at `end`. */
function eventTimes(rng: Rng, start: number, end: number, count: number): number[] {
  const fractions = Array.from({ length: count - 1 }, () => rng.next()).sort((a, b) => a - b);
  // Rectification starts soon after registration: squeeze the first event towards the start.
  if (count > 1) fractions[0] = fractions[0]! * 0.3;
  const times = [...fractions.map((f) => start + Math.round(f * (end - start))), end];
  for (let i = 0; i < times.length; i++) times[i] = Math.max(times[i]!, (i === 0 ? start : times[i - 1]!) + 1000);
  return times;
}

interface Place {
  location: Position;
  town: Town;
  sector: Sector;
  name: string;
  descriptionPrefix: string;
  department: string;
}

function place(world: World, subject: Subject, rng: Rng): Place {
  switch (subject.kind) {
    case 'enterprise': {
      const e = subject.enterprise;
      return { location: e.location, town: e.town, sector: e.sector, name: e.name, descriptionPrefix: '', department: e.department };
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
        department: '交通运输局',
      };
    }
    case 'place':
      return {
        location: randomPointIn(subject.town, rng), town: subject.town, sector: subject.sector,
        name: `${subject.town.name}人民政府`, descriptionPrefix: `${subject.town.name}${subject.placeName}`, department: SECTORS[subject.sector].department,
      };
  }
}

const LISTING_BODY = (level: Level, town: Town): string =>
  level === 'COUNTY' ? `${town.countyName}安全生产委员会` : level === 'CITY' ? '益阳市安全生产委员会' : '湖南省安全生产委员会';

/** Builds hazard `id` with its full history and listings; history and listing ids come from `ids`. */
export function buildHazard(world: World, id: number, rng: Rng, subject: Subject, source: Source, foundAt: number,
  inspectionId: number | null, ids: { history: number; listing: number }): HazardBundle {
  const where = place(world, subject, rng);
  const risk = subject.kind === 'enterprise' ? subject.enterprise.risk : subject.kind === 'road' ? subject.segment.risk : 'YELLOW';
  const level = rng.chance(MAJOR_SHARE * MAJOR_FACTOR[risk]) ? 'MAJOR' : 'GENERAL';
  const profile = SECTORS[where.sector];
  const item: HazardItem = rng.pick(level === 'MAJOR' ? profile.major : profile.general);
  const isPublic = source === 'PUBLIC_REPORT';

  const foundDay = dayOf(foundAt);
  const original = foundDay + (level === 'MAJOR' ? rng.int(30, 180) : rng.int(7, 60));
  let deadline = rng.chance(0.08) ? original + rng.int(15, 90) : original;
  const lag = world.townLag.get(where.town.code)!;
  const age = world.today - foundDay;
  let status: Status;
  if (deadline < world.today) {
    const ageWeight = age < 180 ? 1.5 : age < 365 ? 1 : 0.6;
    if (rng.chance(OVERDUE_CHANCE * lag * ageWeight)) status = isPublic || rng.chance(0.7) ? 'RECTIFYING' : 'REPORTED';
    else status = deadline >= world.today - 30 && rng.chance(0.25) ? 'AWAITING_VERIFICATION' : 'CLOSED';
  } else {
    status = rng.weighted<Status>({ REPORTED: isPublic ? 0 : 12, RECTIFYING: 58, AWAITING_VERIFICATION: 15, CLOSED: 15 });
  }
  // A registered hazard has not started rectifying, so it has had no chance to be extended.
  const extended = status !== 'REPORTED' && deadline !== original;
  if (status === 'REPORTED') deadline = original;
  const paths = PATHS[status];
  const statuses = paths[Number(rng.weighted(Object.fromEntries(paths.map(([w], i) => [String(i), w]))))]![1];

  const now = world.now;
  const span = now - foundAt;
  let end: number;
  if (status === 'CLOSED' && deadline < world.today) {
    end = foundAt + (startOfDay(deadline + 1) - foundAt) * rng.float(0.5, 1) + rng.float(0.5, 7) * DAY_MS;
  } else if (status === 'CLOSED') {
    end = foundAt + span * rng.float(0.3, 0.95);
  } else if (status === 'AWAITING_VERIFICATION') {
    end = now - Math.min(rng.float(0.5, 20) * DAY_MS, span * 0.5);
  } else {
    end = foundAt + span * rng.float(0.02, 0.6);
  }
  end = Math.round(Math.min(Math.max(end, foundAt + statuses.length * 60_000), now - 1000));
  const times = statuses.length > 0 ? eventTimes(rng, foundAt, end, statuses.length) : [];

  type Event = { at: number; row: (status: Status) => Array<string | null> };
  const deadlineAtCreation = isPublic ? null : dateText(original);
  const events: Event[] = [{
    at: foundAt,
    row: () => ['CREATED', null, 'REPORTED', `${SOURCE_LABEL[source]}登记隐患`, null, deadlineAtCreation],
  }];
  let previous: Status = 'REPORTED';
  statuses.forEach((to, i) => {
    const from = previous;
    // The deadline in force: the original until the extension, which comes after the first transition.
    const before = i === 0 ? deadlineAtCreation : dateText(original);
    events.push({ at: times[i]!, row: () => ['TRANSITION', from, to, transitionNote(from, to), before, dateText(original)] });
    previous = to;
  });
  if (extended) {
    const from = times[0]!;
    const until = times[1] ?? now - 1000;
    events.push({
      at: from + Math.max(1, Math.round((until - from) * rng.float(0.1, 0.9))),
      row: (s) => ['DEADLINE_EXTENDED', s, s, `延期原因：${rng.pick(DEADLINE_REASONS)}`, dateText(original), dateText(deadline)],
    });
  }

  const listingLevels: Level[] = [];
  if (level === 'MAJOR' && rng.chance(0.6)) {
    const top = rng.weighted<Level>({ COUNTY: 55, CITY: 35, PROVINCE: 10 });
    if (top === 'CITY' && rng.chance(0.4)) listingLevels.push('COUNTY');
    if (top === 'PROVINCE' && rng.chance(0.5)) listingLevels.push('CITY');
    listingLevels.push(top);
  } else if (status !== 'CLOSED' && deadline < world.today && rng.chance(0.03)) {
    listingLevels.push('COUNTY');
  }
  const responsible = subject.kind === 'enterprise' && rng.chance(0.6) ? subject.enterprise.contactName : personName(rng);
  const listings: Row[] = [];
  // Listing chases an open hazard: it happens before a closed one was closed.
  const listingLimit = status === 'CLOSED' ? times[times.length - 1]! : now;
  let listedAt = foundAt;
  for (const listed of listingLevels) {
    listedAt = Math.round(Math.min(listedAt + rng.float(1, 40) * DAY_MS, listedAt + (listingLimit - listedAt) * 0.5));
    const body = LISTING_BODY(listed, where.town);
    events.push({ at: listedAt, row: (s) => ['LISTED', s, s, `${listed}: ${body}`, null, null] });
    listings.push([String(++ids.listing), String(id), where.town.code, where.sector, listed, body, where.name, responsible,
      `${where.town.countyName}${where.department}`, personName(rng), personName(rng), dateText(deadline),
      dateText(dayOf(listedAt)).slice(0, 4), timestampText(listedAt)]);
  }

  // Replay the events in time order: the status before each event is what extension and
  // listing rows record, exactly as the triggers would have.
  // Rounding may let a listing fall on the millisecond of a transition: keep times strictly increasing.
  events.sort((a, b) => a.at - b.at);
  events.forEach((event, i) => {
    if (i > 0 && event.at <= events[i - 1]!.at) event.at = events[i - 1]!.at + 1;
  });
  let current: Status = 'REPORTED';
  let closedAt: string | null = null;
  const history: Row[] = events.map((event) => {
    const values = event.row(current);
    current = values[2] as Status;
    if (values[0] === 'TRANSITION') closedAt = current === 'CLOSED' ? timestampText(event.at) : null;
    return [String(++ids.history), String(id), where.town.code, where.sector, values[0]!, values[1]!, values[2]!,
      timestampText(event.at), values[3]!, values[4]!, values[5]!];
  });
  const started = status !== 'REPORTED';
  const funds = level === 'MAJOR' ? rng.int(50, 3000) * 1000 : rng.int(5, 500) * 100;
  const topListing = listingLevels[listingLevels.length - 1] ?? null;
  const code = `YH-${where.town.code}-${dateText(foundDay).replaceAll('-', '')}-${String(id).padStart(6, '0')}`;
  return {
    history,
    listings,
    hazard: [String(id), code, `${where.descriptionPrefix}${item.description}`, level, where.sector, item.type, source,
      subject.kind === 'enterprise' ? String(subject.enterprise.id) : null,
      subject.kind === 'road' ? String(subject.segment.id) : null,
      subject.kind === 'place' ? `${subject.town.name}${subject.placeName}` : null,
      inspectionId === null ? null : String(inspectionId), pointText(where.location), where.town.code, timestampText(foundAt),
      isPublic && !started ? null : responsible,
      started ? rng.pick(MEASURES) : null,
      started ? funds.toFixed(2) : null,
      isPublic && !started ? null : dateText(deadline),
      started ? `《${where.name}隐患整改期间应急处置方案》` : null,
      topListing, bool(topListing !== null), status, closedAt,
      isPublic ? mobileNumber(rng) : null, bool(true),
      timestampText(foundAt), timestampText(events[events.length - 1]!.at)],
  };
}

const INSPECTION_SOURCE = (inspection: Inspection, rng: Rng): Source =>
  inspection.kind === 'UNANNOUNCED' ? 'UNANNOUNCED_VISIT'
    : inspection.kind === 'SPECIAL_CAMPAIGN' && rng.chance(0.5) ? 'SUPERVISION' : 'DEPARTMENT_INSPECTION';

/** A subject and source for a hazard not found by a recorded inspection. */
function independentSubject(world: World, rng: Rng): [Subject, Source] {
  const kind = rng.weighted({ enterprise: 70, road: world.roadSegments.length > 0 ? 10 : 0, place: 20 });
  if (kind === 'enterprise') {
    return [{ kind, enterprise: world.hazardProne.pick(rng) },
      rng.weighted<Source>({ SELF_INSPECTION: 75, SUPERVISION: 10, UNANNOUNCED_VISIT: 5, PUBLIC_REPORT: 10 })];
  }
  if (kind === 'road') {
    return [{ kind, segment: world.dangerousSegments.pick(rng) },
      rng.weighted<Source>({ PUBLIC_REPORT: 30, SUPERVISION: 40, DEPARTMENT_INSPECTION: 30 })];
  }
  const [placeName, sector] = rng.pick(PLACES);
  return [{ kind, town: world.towns.pick(rng), placeName, sector },
    rng.weighted<Source>({ PUBLIC_REPORT: 50, SUPERVISION: 25, UNANNOUNCED_VISIT: 25 })];
}

/**
 * The ledger: first the hazards found by recorded inspections (at the inspection's date),
 * then the others, found at any time in the last two years, up to `world.scale.hazards`.
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
    const [subject, source] = independentSubject(world, rng);
    const foundAt = Math.round(world.now - rng.float(6 * HOUR_MS, HAZARD_YEARS * 365 * DAY_MS));
    yield buildHazard(world, id, rng, subject, source, foundAt, null, ids);
  }
}
