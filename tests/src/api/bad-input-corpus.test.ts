import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { TEXT_LIMITS, LIST_LIMITS } from '@risk/api/common/input-limits';
import { startTestApp, type TestApp } from '../support/app';
import { LEAK } from '../support/leaks';
import { freshHazard, scopeOf, townOutside, type Scope, type Status } from '../support/hazard-fixtures';

// Issue 9: 140 of 519 bad inputs got HTTP 500, some with stack traces, and several bad
// values were stored. This corpus sends a few hundred bad inputs of the same kinds to every
// mutation and the main queries, each with one thing wrong, and checks every answer: a
// status below 500, the GraphQL error shape, the code the docs list for it, nothing of
// the server's insides, and not a row written or changed.

/** The codes of docs/errors.md. */
const DOCUMENTED = [
  'BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX',
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_TRANSITION', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED',
];

type User = 'town' | 'admin' | 'enterprise' | 'analyst' | null;

interface Fixtures {
  town: Scope;
  outside: { townCode: string; lng: number; lat: number };
  enterprise: { id: string; version: number };
  enterpriseOutside: string;
  road: { id: string; version: number };
  accident: { id: string; version: number };
  hazards: Record<Status, { id: string; version: number }>;
  hazardOutside: string;
}

type Kind = 'text' | 'int' | 'count' | 'money' | 'enum' | 'date' | 'datetime' | 'deadline' | 'id' | 'point' | 'line' | 'list' | 'townCode';

/** One operation, a valid request built from the fixtures, and the kind of each field to spoil. */
interface Operation {
  name: string;
  as: User;
  query: string;
  valid: (f: Fixtures) => Record<string, unknown>;
  fields: Record<string, Kind>;
  /** For `list` fields: the item a list is filled with, and the cap. */
  lists?: Record<string, { item: (f: Fixtures) => unknown; max: number }>;
}

interface Case {
  name: string;
  as: User;
  query: string;
  variables: (f: Fixtures) => Record<string, unknown>;
  codes: string[];
  /** Raw body instead of { query, variables }. */
  raw?: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

function set(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  const keys = path.split('.');
  let node: any = copy;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys[keys.length - 1]!] = value;
  return copy;
}

const BAD = ['BAD_USER_INPUT'];
const TOO_LONG = 'x'.repeat(Math.max(...Object.values(TEXT_LIMITS)) + 1);

/** The bad values of a kind of field, each with the codes that may answer it. */
function spoil(kind: Kind, f: Fixtures, list?: { item: (f: Fixtures) => unknown; max: number }): [string, unknown, string[]][] {
  switch (kind) {
    case 'text':
      return [['too long', TOO_LONG, BAD], ['with a NUL byte', 'a\u0000b', BAD], ['a number', 12345, BAD], ['an object', { a: 1 }, BAD]];
    case 'townCode':
      // An unknown town is also outside every scope: row-level security may answer first.
      return [['too long', '4'.repeat(200), BAD], ['with a NUL byte', '430923\u0000', BAD], ['an unknown town', '999999999', ['BAD_USER_INPUT', 'FORBIDDEN']],
        ['a town outside the scope', f.outside.townCode, ['BAD_USER_INPUT', 'FORBIDDEN']]];
    case 'int':
      return [['a string', 'many', BAD], ['a fraction', 1.5, BAD], ['above 32 bits', 2 ** 40, BAD]];
    case 'count':
      return [['a string', 'many', BAD], ['negative', -1, BAD], ['above 32 bits', 2 ** 40, BAD], ['absurdly large', 2_000_000_000, BAD]];
    case 'money':
      return [['a string', 'cheap', BAD], ['negative', -5, BAD], ['absurdly large', 1e300, BAD]];
    case 'enum':
      return [['an unknown value', 'NOT_A_VALUE', BAD], ['a number', 7, BAD], ['lower case', 'general', BAD]];
    case 'date':
      return [['in 2099', '2099-01-01', BAD], ['in 1900', '1900-01-01', BAD], ['not a date', '31/12/2024', BAD], ['30 February', '2024-02-30', BAD]];
    case 'datetime':
      return [['in 2099', '2099-01-01T00:00:00Z', BAD], ['in 1900', '1900-01-01T00:00:00Z', BAD], ['not a moment', 'yesterday', BAD]];
    case 'deadline':
      return [['in the past', inDays(-3), BAD], ['in 2099', '2099-01-01', BAD], ['not a date', 'soon', BAD]];
    case 'id':
      return [['not a number', 'abc', BAD], ['zero', '0', BAD], ['negative', '-1', BAD], ['20 digits', '9'.repeat(20), BAD],
        ['out of range', '999999999999999', ['BAD_USER_INPUT', 'NOT_FOUND']], ['unknown', '999999999', ['NOT_FOUND']]];
    case 'point':
      return [['latitude 91', { lng: f.town.lng, lat: 91 }, BAD], ['longitude -181', { lng: -181, lat: f.town.lat }, BAD],
        ['both forms', { lng: f.town.lng, lat: f.town.lat, geojson: { type: 'Point', coordinates: [f.town.lng, f.town.lat] } }, BAD],
        ['neither form', {}, BAD], ['a LineString as a point', { geojson: { type: 'LineString', coordinates: [[1, 1], [2, 2]] } }, BAD],
        ['in the sea off Africa', { lng: 0, lat: 0 }, BAD]];
    case 'line': {
      const { lng, lat } = f.town;
      return [
        ['a Point', { type: 'Point', coordinates: [lng, lat] }, BAD],
        ['one position', { type: 'LineString', coordinates: [[lng, lat]] }, BAD],
        ['of zero length', { type: 'LineString', coordinates: [[lng, lat], [lng, lat]] }, BAD],
        ['shorter than a metre', { type: 'LineString', coordinates: [[lng, lat], [lng + 1e-7, lat]] }, BAD],
        ['with a latitude of 95', { type: 'LineString', coordinates: [[lng, lat], [lng, 95]] }, BAD],
        ['with 2,001 vertices', { type: 'LineString', coordinates: Array.from({ length: 2001 }, (_, i) => [lng + i * 1e-5, lat]) }, BAD],
        ['with text positions', { type: 'LineString', coordinates: [['a', 'b'], ['c', 'd']] }, BAD],
        ['of an unknown type', { type: 'Curve', coordinates: [] }, BAD],
        ['outside every town', { type: 'LineString', coordinates: [[0, 0], [0.01, 0]] }, BAD],
      ];
    }
    case 'list': {
      const { item, max } = list!;
      return [[`of ${max + 1} items`, Array.from({ length: max + 1 }, () => item(f)), BAD],
        ['of 100,000 items', Array.from({ length: 100_000 }, () => item(f)), ['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE']]];
    }
  }
}

const location = (f: Fixtures) => ({ lng: f.town.lng, lat: f.town.lat });
const line = (f: Fixtures) => ({ type: 'LineString', coordinates: [[f.town.lng - 0.001, f.town.lat], [f.town.lng + 0.001, f.town.lat]] });
const creditCode = (() => {
  const first17 = '91430923MA4L99999';
  return first17 + creditCodeCheckCharacter(first17);
})();

const OPERATIONS: Operation[] = [
  {
    name: 'reportHazard', as: 'town',
    query: 'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }',
    valid: (f) => ({ input: { description: '楼梯间堆放杂物', level: 'GENERAL', sector: f.town.sector, source: 'DEPARTMENT_INSPECTION', location: location(f), hazardType: '消防通道', placeName: '某市场' } }),
    fields: {
      'input.description': 'text', 'input.hazardType': 'text', 'input.placeName': 'text', 'input.level': 'enum', 'input.sector': 'enum',
      'input.source': 'enum', 'input.location': 'point', 'input.townCode': 'townCode', 'input.foundAt': 'datetime',
      'input.enterpriseId': 'id', 'input.roadSegmentId': 'id',
    },
  },
  {
    name: 'reportHazardPublic', as: null,
    query: 'mutation ($input: PublicReportInput!) { reportHazardPublic(input: $input) { receipt } }',
    valid: (f) => ({ input: { description: '路边有积水', sector: 'FIRE_SAFETY', location: location(f), placeName: '农贸市场', contact: '13800000000' } }),
    fields: { 'input.description': 'text', 'input.placeName': 'text', 'input.contact': 'text', 'input.sector': 'enum', 'input.location': 'point' },
  },
  {
    name: 'createEnterprise', as: 'town',
    query: 'mutation ($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }',
    valid: (f) => ({ input: { name: '测试企业', creditCode, sector: f.town.sector, location: location(f), riskLevel: 'BLUE', address: '某路1号', department: '应急管理局', contactName: '李四', contactPhone: '13900000000', employeeCount: 10 } }),
    fields: {
      'input.name': 'text', 'input.creditCode': 'text', 'input.address': 'text', 'input.department': 'text', 'input.contactName': 'text',
      'input.contactPhone': 'text', 'input.sector': 'enum', 'input.riskLevel': 'enum', 'input.status': 'enum', 'input.standardizationGrade': 'enum',
      'input.location': 'point', 'input.townCode': 'townCode', 'input.employeeCount': 'count', 'input.majorHazardGrade': 'count',
    },
  },
  {
    name: 'updateEnterprise', as: 'town',
    query: 'mutation ($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { id } }',
    valid: (f) => ({ input: { id: f.enterprise.id, version: f.enterprise.version, address: '某路2号' } }),
    fields: {
      'input.id': 'id', 'input.version': 'int', 'input.name': 'text', 'input.address': 'text', 'input.contactName': 'text',
      'input.contactPhone': 'text', 'input.riskLevel': 'enum', 'input.location': 'point', 'input.employeeCount': 'count',
    },
  },
  {
    name: 'createRoadSegment', as: 'town',
    query: 'mutation ($input: CreateRoadSegmentInput!) { createRoadSegment(input: $input) { id } }',
    valid: (f) => ({ input: { roadName: '测试路', roadNumber: 'X999', roadClass: 'COUNTY', startChainageM: 0, endChainageM: 200, geometry: line(f), riskLevel: 'BLUE', features: ['SHARP_BEND_STEEP_SLOPE'], department: '交通运输局' } }),
    fields: {
      'input.roadName': 'text', 'input.roadNumber': 'text', 'input.department': 'text', 'input.roadClass': 'enum', 'input.riskLevel': 'enum',
      'input.startChainageM': 'count', 'input.endChainageM': 'count', 'input.accidentsLast3y': 'count', 'input.geometry': 'line',
      'input.townCode': 'townCode', 'input.features': 'list',
    },
    lists: { 'input.features': { item: () => 'LONG_DESCENT', max: LIST_LIMITS.features } },
  },
  {
    name: 'updateRoadSegment', as: 'town',
    query: 'mutation ($input: UpdateRoadSegmentInput!) { updateRoadSegment(input: $input) { id } }',
    valid: (f) => ({ input: { id: f.road.id, version: f.road.version, department: '交通运输局' } }),
    fields: { 'input.id': 'id', 'input.version': 'int', 'input.roadName': 'text', 'input.geometry': 'line', 'input.accidentsLast3y': 'count', 'input.riskLevel': 'enum' },
  },
  {
    name: 'createInspection', as: 'town',
    query: 'mutation ($input: CreateInspectionInput!) { createInspection(input: $input) { id } }',
    valid: (f) => ({
      input: {
        enterpriseId: f.enterprise.id, sector: f.town.sector, inspectedOn: today(), department: '应急管理局', kind: 'ROUTINE',
        inspectors: ['张三'], summary: '检查', findings: [{ description: '灭火器过期', level: 'GENERAL' }], actions: [{ kind: 'ORDER_RECTIFY', note: '限期整改' }],
      },
    }),
    fields: {
      'input.enterpriseId': 'id', 'input.department': 'text', 'input.summary': 'text', 'input.sector': 'enum', 'input.kind': 'enum',
      'input.inspectedOn': 'date', 'input.inspectors': 'list', 'input.findings': 'list', 'input.actions': 'list',
      'input.findings.0.description': 'text', 'input.findings.0.placeName': 'text', 'input.findings.0.level': 'enum',
      'input.findings.0.location': 'point', 'input.actions.0.kind': 'enum', 'input.actions.0.note': 'text', 'input.actions.0.fineAmountYuan': 'money',
    },
    lists: {
      'input.inspectors': { item: () => '王五', max: LIST_LIMITS.inspectors },
      'input.findings': { item: () => ({ description: '隐患', level: 'GENERAL' }), max: LIST_LIMITS.findings },
      'input.actions': { item: () => ({ kind: 'ORDER_RECTIFY' }), max: LIST_LIMITS.actions },
    },
  },
  {
    name: 'createAccident', as: 'town',
    query: 'mutation ($input: CreateAccidentInput!) { createAccident(input: $input) { id } }',
    valid: (f) => ({ input: { occurredAt: new Date(Date.now() - 3600000).toISOString(), location: location(f), sector: f.town.sector, description: '一般事故', deaths: 0, seriousInjuries: 1, directLossYuan: 1000 } }),
    fields: {
      'input.description': 'text', 'input.sector': 'enum', 'input.occurredAt': 'datetime', 'input.location': 'point', 'input.townCode': 'townCode',
      'input.deaths': 'count', 'input.seriousInjuries': 'count', 'input.directLossYuan': 'money', 'input.enterpriseId': 'id',
    },
  },
  {
    name: 'updateAccident', as: 'town',
    query: 'mutation ($input: UpdateAccidentInput!) { updateAccident(input: $input) { id } }',
    valid: (f) => ({ input: { id: f.accident.id, version: f.accident.version, deaths: 1 } }),
    fields: { 'input.id': 'id', 'input.version': 'int', 'input.description': 'text', 'input.occurredAt': 'datetime', 'input.deaths': 'count', 'input.location': 'point' },
  },
  {
    name: 'startRectification', as: 'town',
    query: 'mutation ($id: ID!, $v: Int!, $five: FiveInPlaceInput!) { startRectification(id: $id, version: $v, fiveInPlace: $five) { id } }',
    valid: (f) => ({ id: f.hazards.REPORTED.id, v: f.hazards.REPORTED.version, five: { responsiblePerson: '张三', measures: '清理', fundsYuan: 100, deadline: inDays(10), contingencyPlan: '预案' } }),
    fields: {
      id: 'id', v: 'int', 'five.responsiblePerson': 'text', 'five.measures': 'text', 'five.contingencyPlan': 'text', 'five.fundsYuan': 'money', 'five.deadline': 'deadline',
    },
  },
  {
    name: 'submitRectification', as: 'town',
    query: 'mutation ($id: ID!, $v: Int!, $note: String!) { submitRectification(id: $id, version: $v, note: $note) { id } }',
    valid: (f) => ({ id: f.hazards.RECTIFYING.id, v: f.hazards.RECTIFYING.version, note: '已整改' }),
    fields: { id: 'id', v: 'int', note: 'text' },
  },
  {
    name: 'verifyRectification', as: 'town',
    query: 'mutation ($id: ID!, $v: Int!, $passed: Boolean!, $note: String!) { verifyRectification(id: $id, version: $v, passed: $passed, note: $note) { id } }',
    valid: (f) => ({ id: f.hazards.AWAITING_VERIFICATION.id, v: f.hazards.AWAITING_VERIFICATION.version, passed: true, note: '验收合格' }),
    fields: { id: 'id', v: 'int', note: 'text', passed: 'enum' },
  },
  {
    name: 'reopenHazard', as: 'town',
    query: 'mutation ($id: ID!, $v: Int!, $reason: String!) { reopenHazard(id: $id, version: $v, reason: $reason) { id } }',
    valid: (f) => ({ id: f.hazards.CLOSED.id, v: f.hazards.CLOSED.version, reason: '回头看发现反弹' }),
    fields: { id: 'id', v: 'int', reason: 'text' },
  },
  {
    name: 'extendDeadline', as: 'town',
    query: 'mutation ($id: ID!, $v: Int!, $d: LocalDate!, $reason: String!) { extendDeadline(id: $id, version: $v, newDeadline: $d, reason: $reason) { id } }',
    valid: (f) => ({ id: f.hazards.RECTIFYING.id, v: f.hazards.RECTIFYING.version, d: inDays(60), reason: '设备到货延迟' }),
    fields: { id: 'id', v: 'int', reason: 'text', d: 'deadline' },
  },
  {
    name: 'listForSupervision', as: 'admin',
    query: 'mutation ($id: ID!, $input: ListForSupervisionInput!) { listForSupervision(hazardId: $id, input: $input) { id } }',
    valid: (f) => ({
      id: f.hazards.RECTIFYING.id,
      input: { level: 'COUNTY', listingBody: '县安委会', rectifyingUnit: '某企业', rectifyingHead: '张三', regulatingUnit: '应急管理局', regulatingHead: '李四', supervisingOfficial: '王五', deadline: inDays(30), yearListed: new Date().getFullYear() },
    }),
    fields: {
      id: 'id', 'input.level': 'enum', 'input.listingBody': 'text', 'input.rectifyingUnit': 'text', 'input.rectifyingHead': 'text',
      'input.regulatingUnit': 'text', 'input.regulatingHead': 'text', 'input.supervisingOfficial': 'text', 'input.deadline': 'deadline', 'input.yearListed': 'count',
    },
  },
  {
    name: 'login', as: null,
    query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    valid: () => ({ u: 'nobody-here', p: 'wrong' }),
    fields: { u: 'text', p: 'text' },
  },
];

/** Each field of each operation spoiled in each way its kind can be, the rest valid. */
function mutationCases(): Case[] {
  const cases: Case[] = [];
  for (const op of OPERATIONS) {
    for (const [path, kind] of Object.entries(op.fields)) {
      // Spoiled once with placeholder fixtures to learn how many ways there are; the real
      // values are made from the fixtures when the case runs.
      const count = spoil(kind, PLACEHOLDER, op.lists?.[path]).length;
      for (let i = 0; i < count; i += 1) {
        const [label, , codes] = spoil(kind, PLACEHOLDER, op.lists?.[path])[i]!;
        // A wrong login is UNAUTHENTICATED, also with a very long or odd name.
        const allowed = op.name === 'login' ? [...codes, 'UNAUTHENTICATED'] : codes;
        cases.push({
          name: `${op.name}: ${path} ${label}`, as: op.as, query: op.query, codes: allowed,
          variables: (f) => set(op.valid(f), path, spoil(kind, f, op.lists?.[path])[i]![1]),
        });
      }
    }
  }
  return cases;
}

const PLACEHOLDER: Fixtures = {
  town: { viewer: {} as Scope['viewer'], townCode: '000000000', sector: 'FIRE_SAFETY', enterpriseId: null, lng: 112, lat: 28 },
  outside: { townCode: '000000000', lng: 112, lat: 28 },
  enterprise: { id: '1', version: 1 }, enterpriseOutside: '1', road: { id: '1', version: 1 }, accident: { id: '1', version: 1 },
  hazards: { REPORTED: { id: '1', version: 1 }, RECTIFYING: { id: '1', version: 1 }, AWAITING_VERIFICATION: { id: '1', version: 1 }, CLOSED: { id: '1', version: 1 } },
  hazardOutside: '1',
};

/** References to rows outside the viewer's scope: answered as if they did not exist. */
const scopeCases: Case[] = [
  { name: 'reportHazard about an enterprise of another town', as: 'town', query: OPERATIONS[0]!.query, codes: ['NOT_FOUND'],
    variables: (f) => set(OPERATIONS[0]!.valid(f), 'input.enterpriseId', f.enterpriseOutside) },
  { name: 'createAccident at an enterprise of another town', as: 'town', query: OPERATIONS[7]!.query, codes: ['NOT_FOUND'],
    variables: (f) => set(OPERATIONS[7]!.valid(f), 'input.enterpriseId', f.enterpriseOutside) },
  { name: 'createInspection of an enterprise of another town', as: 'town', query: OPERATIONS[6]!.query, codes: ['NOT_FOUND'],
    variables: (f) => set(OPERATIONS[6]!.valid(f), 'input.enterpriseId', f.enterpriseOutside) },
  ...(['submitRectification', 'reopenHazard', 'extendDeadline'] as const).map((name): Case => {
    const op = OPERATIONS.find((o) => o.name === name)!;
    return { name: `${name} of a hazard of another town`, as: 'town', query: op.query, codes: ['NOT_FOUND'], variables: (f) => ({ ...op.valid(f), id: f.hazardOutside }) };
  }),
  { name: 'reportHazard located in another county', as: 'town', query: OPERATIONS[0]!.query, codes: ['BAD_USER_INPUT', 'FORBIDDEN'],
    variables: (f) => set(OPERATIONS[0]!.valid(f), 'input.location', { lng: f.outside.lng, lat: f.outside.lat }) },
  { name: 'an enterprise\'s self-inspection located in another county', as: 'enterprise', query: OPERATIONS[0]!.query, codes: ['BAD_USER_INPUT'],
    variables: (f) => set(set(OPERATIONS[0]!.valid(f), 'input.source', 'SELF_INSPECTION'), 'input.location', { lng: f.outside.lng, lat: f.outside.lat }) },
  { name: 'an enterprise\'s self-inspection naming another town', as: 'enterprise', query: OPERATIONS[0]!.query, codes: ['BAD_USER_INPUT'],
    variables: (f) => set(set(OPERATIONS[0]!.valid(f), 'input.source', 'SELF_INSPECTION'), 'input.townCode', f.outside.townCode) },
];

const HAZARDS = 'query ($filter: HazardFilter, $first: Int, $after: String) { hazards(filter: $filter, first: $first, after: $after) { totalCount } }';
const STATS = 'query ($code: String!, $from: LocalDate, $to: LocalDate) { jurisdictionStats(parentCode: $code, from: $from, to: $to) { code } }';
const DENSITY = 'query ($bbox: BBox!, $zoom: Int!) { hazardDensity(bbox: $bbox, zoom: $zoom) { count } }';
const TREND = 'query ($from: LocalDate!, $to: LocalDate!) { hazardTrend(from: $from, to: $to) { start } }';
const ENTERPRISES = 'query ($filter: EnterpriseFilter, $first: Int) { enterprises(filter: $filter, first: $first) { totalCount } }';

const query = (name: string, text: string, variables: Record<string, unknown>, codes = BAD): Case =>
  ({ name, as: 'analyst', query: text, codes, variables: () => variables });

const polygonOf = (n: number) => ({ type: 'Polygon', coordinates: [[...Array.from({ length: n }, (_, i) => [112 + Math.cos(i) * 0.1, 28 + Math.sin(i) * 0.1]), [113, 28]].map((p, i, all) => (i === all.length - 1 ? all[0] : p))] });

const queryCases: Case[] = [
  query('hazards with a page of 501', HAZARDS, { first: 501 }),
  query('hazards with a page of "ten"', HAZARDS, { first: 'ten' }),
  query('hazards with a cursor of its own making', HAZARDS, { after: 'bm90LWEtY3Vyc29y' }),
  query('hazards with a search text of 5,000 characters', HAZARDS, { filter: { search: TOO_LONG } }),
  query('hazards with a NUL in the search text', HAZARDS, { filter: { search: 'a\u0000' } }),
  query('hazards with a NUL in the jurisdiction code', HAZARDS, { filter: { jurisdictionCode: '4309\u0000' } }),
  query('hazards with an unknown status', HAZARDS, { filter: { statuses: ['LOST'] } }),
  query('hazards with 51 sectors', HAZARDS, { filter: { sectors: Array.from({ length: 51 }, () => 'FIRE_SAFETY') } }),
  query('hazards with 100,000 sectors', HAZARDS, { filter: { sectors: Array.from({ length: 100_000 }, () => 'FIRE_SAFETY') } }, ['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE']),
  query('hazards with an upside-down bbox', HAZARDS, { filter: { bbox: [113, 29, 112, 28] } }),
  query('hazards with a bbox of three numbers', HAZARDS, { filter: { bbox: [112, 28, 113] } }),
  query('hazards within a polygon of 10,001 positions', HAZARDS, { filter: { within: polygonOf(10_001) } }, ['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE']),
  query('hazards within an open ring', HAZARDS, { filter: { within: { type: 'Polygon', coordinates: [[[112, 28], [113, 28], [113, 29], [112, 29]]] } } }),
  query('hazards within a bow-tie polygon', HAZARDS, { filter: { within: { type: 'Polygon', coordinates: [[[112, 28], [113, 29], [113, 28], [112, 29], [112, 28]]] } } }),
  query('hazards near with a negative radius', HAZARDS, { filter: { near: { lng: 112, lat: 28, radiusMeters: -5 } } }),
  query('hazards near with a radius of 10,000 km', HAZARDS, { filter: { near: { lng: 112, lat: 28, radiusMeters: 1e7 } } }),
  query('hazards found from a date that is not one', HAZARDS, { filter: { foundFrom: 'last week' } }),
  query('hazards with a deadline from 30 February', HAZARDS, { filter: { deadlineFrom: '2024-02-30' } }),
  query('hazards of enterprise "abc"', HAZARDS, { filter: { enterpriseId: 'abc' } }),
  query('hazards due within 400 days', HAZARDS, { filter: { dueWithinDays: 400 } }),
  query('hazards due within 1.5 days', HAZARDS, { filter: { dueWithinDays: 1.5 } }),
  query('hazards the viewer may fly', HAZARDS, { filter: { viewerMay: 'FLY' } }),
  query('enterprises with a search text of 5,000 characters', ENTERPRISES, { filter: { search: TOO_LONG } }),
  query('enterprises with an unknown risk level', ENTERPRISES, { filter: { riskLevels: ['PURPLE'] } }),
  query('jurisdictionStats from 30 February', STATS, { code: '430900', from: '2024-02-30' }),
  query('jurisdictionStats of a code with a NUL', STATS, { code: '4309\u0000' }, ['BAD_USER_INPUT', 'NOT_FOUND']),
  query('jurisdictionStats of a number', STATS, { code: 430900 }),
  query('hazardDensity at zoom 99', DENSITY, { bbox: [112, 28, 113, 29], zoom: 99 }),
  query('hazardDensity at zoom -1', DENSITY, { bbox: [112, 28, 113, 29], zoom: -1 }),
  query('hazardDensity with a bbox beyond the poles', DENSITY, { bbox: [112, 28, 113, 95], zoom: 10 }),
  query('hazardTrend over dates that are not ones', TREND, { from: 'then', to: 'now' }),
  query('hazardTrend with an unknown interval', 'query { hazardTrend(from: "2024-01-01", to: "2024-12-31", interval: FORTNIGHT) { start } }', {}, ['GRAPHQL_VALIDATION_FAILED']),
  query('a field that does not exist', '{ hazards { nope } }', {}, ['GRAPHQL_VALIDATION_FAILED']),
  query('a syntax error', '{ hazards { ', {}, ['GRAPHQL_PARSE_FAILED']),
  query('a hazard of id "x"', 'query ($id: ID!) { hazard(id: $id) { id } }', { id: 'x' }, ['BAD_USER_INPUT', 'NOT_FOUND']),
];

/** Requests broken below GraphQL: bodies that are not a GraphQL request. */
const bodyCases: Case[] = [
  ['malformed JSON', '{"query": '], ['a JSON array', '[1, 2, 3]'], ['a JSON string', '"query"'], ['no query', '{"variables": {}}'],
  ['a query that is a number', '{"query": 42}'], ['variables that are a string', '{"query": "{ __typename }", "variables": "x"}'],
  ['a NUL in the JSON', '{"query": "{ __typename \\u0000 }"}'], ['a body of 300 KB', JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300 * 1024)}` })],
].map(([name, raw]) => ({ name: `a body with ${name}`, as: null, query: '', raw, variables: () => ({}), codes: ['BAD_REQUEST', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'PAYLOAD_TOO_LARGE'] }));

const CASES: Case[] = [...mutationCases(), ...scopeCases, ...queryCases, ...bodyCases];

/**
 * Everything a request could have written: the newest row of every table (a rolled-back
 * insert leaves no row, a committed one a higher id) and the last change of every mutable
 * one (app.touch() sets updated_at), each read through an index or a small table.
 */
const FINGERPRINT = `select
  (select max(id) from hazards) as hazard, (select max(updated_at) from hazards) as hazard_change,
  (select max(id) from hazard_history) as history, (select max(id) from listed_supervisions) as listing,
  (select max(id) from enterprises) as enterprise, (select max(updated_at) from enterprises) as enterprise_change,
  (select max(id) from road_segments) as road, (select max(updated_at) from road_segments) as road_change,
  (select max(id) from inspections) as inspection, (select max(id) from enforcement_actions) as action,
  (select max(id) from accidents) as accident, (select max(updated_at) from accidents) as accident_change`;

let app: TestApp;
let fixtures: Fixtures;
const tokens = new Map<User, string | undefined>();

beforeAll(async () => {
  // The public's reports are limited per hour; this corpus sends many more on purpose.
  app = await startTestApp({ PUBLIC_REPORTS_PER_HOUR: '10000' });
  const pool = app.db.pool;
  const town = await scopeOf(pool, 'town');
  const outside = await townOutside(pool, town.townCode.slice(0, 6));
  const one = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows[0];
  const enterprise = await one('select id::text, version from enterprises where town_code = $1 order by id limit 1', [town.townCode]);
  const enterpriseOutside = await one('select id::text from enterprises where town_code = $1 order by id limit 1', [outside.townCode]);
  const road = await one(
    `insert into road_segments (road_name, road_number, road_class, start_chainage_m, end_chainage_m, geom, risk_level)
     values ('语料路', 'X998', 'COUNTY', 0, 200, st_setsrid(st_makeline(st_makepoint($1 - 0.001, $2), st_makepoint($1 + 0.001, $2)), 4326), 'BLUE')
     returning id::text, version`, [town.lng, town.lat]);
  const accident = await one(
    `insert into accidents (occurred_at, location, sector, description) values (now() - interval '1 day', st_setsrid(st_makepoint($1, $2), 4326), $3, '语料事故')
     returning id::text, version`, [town.lng, town.lat, town.sector]);
  const hazards = {} as Fixtures['hazards'];
  for (const status of ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'] as Status[]) hazards[status] = await freshHazard(pool, town, status);
  const hazardOutside = await freshHazard(pool, { ...outside, sector: town.sector, enterpriseId: null });
  fixtures = { town, outside, enterprise, enterpriseOutside: enterpriseOutside.id, road, accident, hazards, hazardOutside: hazardOutside.id };
  for (const user of ['town', 'admin', 'enterprise', 'analyst'] as User[]) tokens.set(user, await app.login(user!));
  tokens.set(null, undefined);
});
afterAll(() => app.close());

async function fingerprint(): Promise<Record<string, string>> {
  return (await app.db.pool.query(FINGERPRINT)).rows[0];
}

describe('a corpus of bad inputs', () => {
  it('holds at least 300 requests, across every mutation and the main queries', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    for (const op of OPERATIONS) expect(CASES.some((c) => c.name.startsWith(`${op.name}:`))).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: refused with its code, nothing leaked, nothing written', async (_name, c) => {
    const before = await fingerprint();
    const token = tokens.get(c.as);
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: c.raw ?? JSON.stringify({ query: c.query, variables: c.variables(fixtures) }),
    });
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(text).not.toMatch(LEAK);
    const body = JSON.parse(text);
    expect(body.errors?.length).toBeGreaterThan(0);
    const code = body.errors[0].extensions?.code;
    expect(DOCUMENTED).toContain(code);
    expect(c.codes).toContain(code);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('references outside the scope', () => {
  const ACCIDENT = OPERATIONS[7]!;

  it('answers an accident at an enterprise out of scope exactly as one at an unknown enterprise', async () => {
    const token = tokens.get('town');
    const outOfScope = await app.gql(ACCIDENT.query, set(ACCIDENT.valid(fixtures), 'input.enterpriseId', fixtures.enterpriseOutside), token);
    const unknown = await app.gql(ACCIDENT.query, set(ACCIDENT.valid(fixtures), 'input.enterpriseId', '999999999'), token);
    expect(outOfScope.errors).toEqual(unknown.errors);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('records an accident at an enterprise in scope, and an enterprise\'s self-inspection in its own town', async () => {
    const accident = await app.gql(ACCIDENT.query, set(ACCIDENT.valid(fixtures), 'input.enterpriseId', fixtures.enterprise.id), tokens.get('town'));
    expect(accident.errors).toBeUndefined();
    const own = await scopeOf(app.db.pool, 'enterprise');
    const report = await app.gql(OPERATIONS[0]!.query, {
      input: { description: '自查发现', level: 'GENERAL', sector: own.sector, source: 'SELF_INSPECTION', location: { lng: own.lng, lat: own.lat } },
    }, tokens.get('enterprise'));
    expect(report.errors).toBeUndefined();
  });

  it('refuses in the database an accident linked to an enterprise the writer cannot see, whatever the client', async () => {
    const client = await app.db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.role', 'town', true),
        set_config('app.scope_prefix', $1, true), set_config('app.sectors', '', true), set_config('app.user_id', '', true),
        set_config('app.enterprise_id', '', true), set_config('app.note', '', true)`, [fixtures.town.townCode]);
      await expect(client.query(
        `insert into accidents (occurred_at, location, sector, description, enterprise_id)
         values (now(), st_setsrid(st_makepoint($1, $2), 4326), $3, 'x', $4)`,
        [fixtures.town.lng, fixtures.town.lat, fixtures.town.sector, fixtures.enterpriseOutside])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
