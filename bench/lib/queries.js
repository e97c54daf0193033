// @ts-check
// The requests and statements the benchmark compares. The SQL of the "raw" sides is not
// copied: it is captured from the api's own compiled services (api/dist), by handing them a
// recorder in place of the request's database, so the raw side always runs what the api runs.
'use strict';
const { join } = require('node:path');

const API_DIST = join(__dirname, '..', '..', 'api', 'dist');
// The api's types carry decorators that need reflect-metadata loaded first.
require(require.resolve('reflect-metadata', { paths: [join(API_DIST, '..')] }));
/* eslint-disable @typescript-eslint/no-require-imports */
const tilesSql = require(join(API_DIST, 'tiles', 'tiles.sql.js'));
const tileFilter = require(join(API_DIST, 'tiles', 'tile-filter.js'));
const hazardService = require(join(API_DIST, 'hazard', 'hazard.service.js'));
const statsService = require(join(API_DIST, 'stats', 'stats.service.js'));
const viewerModule = require(join(API_DIST, 'common', 'viewer.js'));
const riskScore = require(join(API_DIST, 'stats', 'risk-score.js'));

/**
 * @typedef {{ text: string, values: unknown[] }} Statement
 */

/**
 * A stand-in for RequestDb that records statements, as the benchmark's leader of the city
 * (figures answered from the summaries where the api answers them so); the filter check is
 * answered "valid" and the statement settings (set_config) are not recorded.
 * @returns {{ db: { viewer: object, begin: () => Promise<void>, query: (text: string, values?: unknown[]) => Promise<unknown[]> }, statements: Statement[] }}
 */
function recorder() {
  /** @type {Statement[]} */
  const statements = [];
  return {
    statements,
    db: {
      viewer: { userId: null, username: 'bench', role: 'leader', jurisdictionCode: '430900', sectors: [], enterpriseId: null, enterpriseTownCode: null },
      async begin() {},
      async query(text, values = []) {
        if (text.includes('st_isvalidreason')) return [{ valid: true, reason: null, known: true }];
        if (!/^\s*select set_config\(/.test(text)) statements.push({ text, values });
        return [];
      },
    },
  };
}

/**
 * The one statement of a hazards tile, as TileService.tile builds it (ST_AsMVT encoding).
 * @param {number} z @param {number} x @param {number} y
 * @returns {Statement}
 */
function tileStatement(z, x, y) {
  const layer = tilesSql.LAYERS.hazards;
  const filter = tileFilter.parseTileFilter('hazards', new URLSearchParams());
  const values = [z, x, y];
  const text = tilesSql.tileQuery(layer, { where: filter.where(values, layer.alias), aggregate: z < tilesSql.AGGREGATE_BELOW_ZOOM, encoding: 'database' });
  return { text, values };
}

/**
 * The statement of a hazards page as listHazards runs it.
 * @param {Record<string, unknown>} args
 * @returns {Promise<Statement>}
 */
async function hazardListStatement(args) {
  const r = recorder();
  await hazardService.listHazards(r.db, args);
  return /** @type {Statement} */ (r.statements[0]);
}

/**
 * The aggregate statement of jurisdictionStats (after its filter check).
 * @param {string} parentCode @param {string} level @param {{ from: string, to: string }} period
 * @returns {Promise<Statement>}
 */
async function statsStatement(parentCode, level, period) {
  const r = recorder();
  await statsService.jurisdictionStats(r.db, parentCode, level, period, riskScore.parseRiskWeights(undefined), null);
  return /** @type {Statement} */ (r.statements[0]);
}

/**
 * The statement of hazardDensity.
 * @param {[number, number, number, number]} bbox @param {number} zoom
 * @returns {Promise<Statement>}
 */
async function densityStatement(bbox, zoom) {
  const r = recorder();
  await statsService.hazardDensity(r.db, bbox, zoom, null);
  return /** @type {Statement} */ (r.statements[0]);
}

/**
 * The settings RequestDb gives a viewer's transaction, as session settings: the raw sides
 * run as the same role with the same scope, so row-level security cuts the same rows.
 * @param {{ userId: number, role: string, jurisdictionCode: string }} viewer
 * @returns {Record<string, string>}
 */
function viewerSettings(viewer) {
  const prefix = viewerModule.scopePrefix({ ...viewer, username: null, sectors: [], enterpriseId: null, enterpriseTownCode: null });
  return {
    role: 'app_user',
    'app.user_id': String(viewer.userId),
    'app.role': viewer.role,
    'app.scope_prefix': prefix ?? 'none',
    'app.sectors': '',
    'app.enterprise_id': '',
    'app.note': '',
  };
}

/**
 * One statement that applies the settings to a whole session.
 * @param {Record<string, string>} settings
 */
function sessionSql(settings) {
  /** @param {string} s */
  const literal = (s) => `'${s.replace(/'/g, "''")}'`;
  return `select ${Object.entries(settings).map(([k, v]) => `set_config(${literal(k)}, ${literal(v)}, false)`).join(', ')}`;
}

/**
 * The settings as RequestDb.open sets them: local to the transaction, values as parameters.
 * @param {Record<string, string>} settings
 * @returns {Statement}
 */
function localSettingsStatement(settings) {
  const entries = Object.entries(settings);
  return {
    text: `select ${entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
    values: entries.flat(),
  };
}

/** Web-mercator tile of a point. @param {number} lng @param {number} lat @param {number} z */
function tileOf(lng, lat, z) {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

// GraphQL documents. The list asks what a ledger row shows: the hazard, its enterprise and town.
const HAZARD_LIST = `query List($filter: HazardFilter) {
  hazards(first: 100, filter: $filter) {
    edges { node { id code description level status deadline overdueDays lng lat geometry enterprise { name } town { name } } }
  }
}`;

// PostGraphile names the relation after its singular of "enterprises": enterprisByEnterpriseId.
const POSTGRAPHILE_LIST = `query List($minLng: Float!, $minLat: Float!, $maxLng: Float!, $maxLat: Float!) {
  benchOverdueHazards(minLng: $minLng, minLat: $minLat, maxLng: $maxLng, maxLat: $maxLat, first: 100) {
    nodes { rowId code description level status deadline overdueDays lng lat geojson enterprise: enterprisByEnterpriseId { name } town: jurisdictionByTownCode { name } }
  }
}`;

// Every column of a hazard: the json_agg baseline returns them all too.
const HAZARD_FIELDS = `id code description level sector hazardType source geometry lng lat overdue overdueDays daysToDeadline
  foundAt responsiblePerson measures fundsYuan deadline contingencyPlan listedLevel published status closedAt version
  townCode enterpriseId roadSegmentId inspectionId placeName reporterContact synthetic`;

// 1,000 rows: pages hold at most 500 (MAX_PAGE_SIZE), so two pages in one request.
const THOUSAND = `query Thousand($after: String) {
  a: hazards(first: 500, orderBy: FOUND_AT_DESC) { edges { node { ${HAZARD_FIELDS} } } }
  b: hazards(first: 500, orderBy: FOUND_AT_DESC, after: $after) { edges { node { ${HAZARD_FIELDS} } } }
}`;

const FIRST_PAGE_CURSOR = `query Cursor { hazards(first: 500, orderBy: FOUND_AT_DESC) { pageInfo { endCursor } } }`;

/** What the choropleth and the leaders' board show per unit. */
const STATS_FIELDS = `
    code name openMajor overdue everOverdue rectifiedLate listed found rectified rectificationRate inspections
    openByLevel { general major } enterprisesByColour { red orange yellow blue }
    accidents { current previous change changeRate } deaths { current previous }
    riskScore riskColor rank`;

const STATS = `query Stats($from: LocalDate, $to: LocalDate) {
  jurisdictionStats(parentCode: "430900", level: town, from: $from, to: $to) {
${STATS_FIELDS}
  }
}`;

// The same figures for one sector: a filter the summaries can answer (issue 14).
const STATS_FILTERED = `query StatsFiltered($from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
  jurisdictionStats(parentCode: "430900", level: town, from: $from, to: $to, filter: $filter) {
${STATS_FIELDS}
  }
}`;

/** The city's trend by month (the big screen's 24 months). */
const TREND = `query Trend($from: LocalDate!, $to: LocalDate!) {
  hazardTrend(from: $from, to: $to, interval: MONTH) { start end found closed }
}`;

/** A life-cycle mutation: a town official registers (登记) a hazard found on an inspection. */
const REPORT = `mutation Report($input: ReportHazardInput!) { reportHazard(input: $input) { id status } }`;

const DENSITY = `query Density($bbox: BBox!, $zoom: Int!) { hazardDensity(bbox: $bbox, zoom: $zoom) { lng lat count weight } }`;

const LOGIN = `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }`;

module.exports = {
  tileStatement, hazardListStatement, statsStatement, densityStatement, viewerSettings, sessionSql, localSettingsStatement, tileOf,
  HAZARD_LIST, POSTGRAPHILE_LIST, THOUSAND, FIRST_PAGE_CURSOR, STATS, STATS_FILTERED, TREND, REPORT, DENSITY, LOGIN,
  AGGREGATE_BELOW_ZOOM: /** @type {number} */ (tilesSql.AGGREGATE_BELOW_ZOOM),
};
