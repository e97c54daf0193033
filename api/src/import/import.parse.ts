import type { Geometry, Position } from 'geojson';
import { TEXT_LIMITS, type TextKind } from '../common/input-limits';
import { creditCodeFault, normaliseCreditCode } from '../enterprise/credit-code';
import { RISK_LEVEL_ZH } from '../export/labels-zh';
import { IMPORT_FIELDS, type ImportFieldDef, type ImportKindName } from './import.fields';
import type { SourceRow } from './import.read';
import { toWgs84, type SourceCrs } from './spatial-file';

// One row of a file as the ledger will take it: each mapped cell read by its field's type
// (labels to enumeration values, dates, 桩号, coordinates converted to WGS84), and every
// problem with its column, value and a reason in Chinese. What needs the database (towns,
// scope, enterprises, existing keys) is checked afterwards, in sets (import.check.ts).

export interface RowProblem {
  column: string | null;
  value: string | null;
  reason: string;
}

export type RecordValue = string | number | string[] | number[][] | null;
export type ParsedRecord = Record<string, RecordValue>;

export interface ParsedRow {
  record: ParsedRecord;
  problems: RowProblem[];
}

/** The text limit of a field (input-limits.ts), by what it holds. */
const LIMIT_OF: Record<string, TextKind> = {
  description: 'description', measures: 'description', contingencyPlan: 'description', summary: 'note', extensionReason: 'note',
  responsiblePerson: 'contact', contactName: 'contact', contactPhone: 'contact', code: 'code', externalId: 'code',
  hazardType: 'code', roadNumber: 'code', roadSegmentId: 'code',
};

/** Thrown by a value parser: the reason a cell cannot be read. */
class CellError extends Error {}

const LIST_SEPARATORS = /[、,，;；/\s]+/;

/**
 * The enumeration value a cell names: the value itself, its Chinese label, the label
 * without its kind's word (一般 for 一般隐患), either part of a two-part label (尾矿库), or,
 * for risk levels, the colour (红色).
 */
function enumValue(labels: Record<string, string>, cell: string): string {
  const text = cell.trim();
  for (const [value, label] of Object.entries(labels)) {
    const names = [value, label, label.replace(/(隐患|风险|企业)$/, ''), ...label.split('/')];
    if (labels === RISK_LEVEL_ZH) names.push(...COLOURS[value as keyof typeof COLOURS]);
    if (names.some((name) => name.toUpperCase() === text.toUpperCase())) return value;
  }
  throw new CellError(`不是可选值（可选：${Object.values(labels).join('、')}）`);
}
const COLOURS = { RED: ['红', '红色'], ORANGE: ['橙', '橙色'], YELLOW: ['黄', '黄色'], BLUE: ['蓝', '蓝色'] };

/** A calendar day written as 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日 or an Excel day number. */
function day(cell: string): string {
  const text = cell.trim();
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!match && /^\d{5}(\.0+)?$/.test(text)) {
    // Excel's day number (1900 system): day 25569 is 1970-01-01.
    const date = new Date((Number(text) - 25569) * 86_400_000);
    match = [text, String(date.getUTCFullYear()), String(date.getUTCMonth() + 1), String(date.getUTCDate())] as unknown as RegExpExecArray;
  }
  if (!match) throw new CellError('不是日期（如 2026-03-15）');
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1950 || y > 2100) {
    throw new CellError('不是有效日期');
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A moment in the deployment's time zone, as local wall-clock text: 2026-03-15 14:30:00. */
function moment(cell: string): string {
  const match = /^(.+?)(?:[ T](\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/.exec(cell.trim());
  const date = day(match?.[1] ?? '');
  const [h, m, s] = [Number(match?.[2] ?? 0), Number(match?.[3] ?? 0), Number(match?.[4] ?? 0)];
  if (h > 23 || m > 59 || s > 59) throw new CellError('不是有效时间（如 2026-03-15 14:30）');
  return `${date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

function decimal(cell: string): number {
  let text = cell.trim().replace(/[,，\s]/g, '');
  let factor = 1;
  if (/万元?$/.test(text)) {
    factor = 10_000;
    text = text.replace(/万元?$/, '');
  }
  text = text.replace(/(元|人|起|个)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new CellError('不是数字');
  const value = Number(text) * factor;
  if (value < 0) throw new CellError('不能为负数');
  return Math.round(value * 100) / 100;
}

function whole(cell: string): number {
  const value = decimal(cell);
  if (!Number.isInteger(value)) throw new CellError('须为整数');
  if (value > 2_000_000_000) throw new CellError('数值过大');
  return value;
}

/** 桩号 K12+300 (or metres as a number) in metres. */
function chainage(cell: string): number {
  const text = cell.trim().toUpperCase().replace(/\s/g, '');
  const match = /^K(\d+)\+(\d{1,3})(\.\d+)?$/.exec(text);
  if (match) return Number(match[1]) * 1000 + Math.round(Number(`${match[2]}${match[3] ?? ''}`));
  if (/^\d+$/.test(text)) return Number(text);
  throw new CellError('不是桩号（如 K12+300）');
}

function coordinate(cell: string, max: number): number {
  const value = Number(cell.trim().replace(/[°\s]/g, ''));
  if (!Number.isFinite(value) || Math.abs(value) > max || cell.trim() === '') throw new CellError(`不是十进制度坐标（-${max}～${max}）`);
  return value;
}

function linePositions(cell: string): number[][] {
  const points = cell.trim().split(/[;；]/).filter((p) => p.trim() !== '').map((p) => {
    const [lng, lat] = p.split(/[,，\s]+/).filter((v) => v !== '').map(Number);
    if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      throw new CellError('线形坐标写作“经度,纬度;经度,纬度”');
    }
    return [lng, lat];
  });
  if (points.length < 2) throw new CellError('线形坐标至少需要两个点');
  return points;
}

function text(field: ImportFieldDef, cell: string): string {
  const value = cell.trim();
  const max = TEXT_LIMITS[LIMIT_OF[field.name] ?? 'name'];
  if (value.length > max) throw new CellError(`过长（最多 ${max} 字）`);
  if (value.includes('\u0000')) throw new CellError('含有不可见的空字符');
  return value;
}

function valueOf(field: ImportFieldDef, cell: string): RecordValue {
  switch (field.type) {
    case 'text': return text(field, cell);
    case 'integer': return whole(cell);
    case 'number': return decimal(cell);
    case 'date': return day(cell);
    case 'datetime': return moment(cell);
    case 'enum': return enumValue(field.labels!, cell);
    case 'enumList': return [...new Set(cell.split(LIST_SEPARATORS).filter((v) => v !== '').map((v) => enumValue(field.labels!, v)))];
    case 'textList': return cell.split(LIST_SEPARATORS).filter((v) => v !== '').map((v) => text(field, v));
    case 'creditCode': {
      const code = normaliseCreditCode(cell);
      const fault = creditCodeFault(code);
      if (fault?.kind === 'SHAPE') throw new CellError('统一社会信用代码应为18位数字或大写字母（不含 I、O、S、V、Z）');
      if (fault) throw new CellError(`统一社会信用代码校验位不符（按前17位应为 ${fault.expected}）`);
      return code;
    }
    case 'chainage': return chainage(cell);
    case 'lng': return coordinate(cell, 180);
    case 'lat': return coordinate(cell, 90);
    case 'line': return linePositions(cell);
    case 'majorHazardGrade': {
      const value = cell.trim();
      if (['', '无', '否', '0'].includes(value)) return null;
      const grade = /^([1-4一二三四])\s*级?$/.exec(value)?.[1];
      if (!grade) throw new CellError('填“无”或 1～4 级');
      return '1234一二三四'.indexOf(grade) % 4 + 1;
    }
  }
}

/** The positions of a line geometry (a MultiLineString of one part counts), else null. */
function lineOf(geometry: Geometry): Position[] | null {
  if (geometry.type === 'LineString') return geometry.coordinates;
  if (geometry.type === 'MultiLineString' && geometry.coordinates.length === 1) return geometry.coordinates[0]!;
  return null;
}

const STATUS_RANK: Record<string, number> = { REPORTED: 0, RECTIFYING: 1, AWAITING_VERIFICATION: 2, CLOSED: 3 };
const FIVE_IN_PLACE = ['responsiblePerson', 'measures', 'fundsYuan', 'deadline', 'contingencyPlan'];

/** Reads one row of `kind`: the mapped cells by their fields' types, then the rules that join fields. */
export function parseRow(kind: ImportKindName, columns: string[], mapping: Record<string, string>, row: SourceRow, crs: SourceCrs): ParsedRow {
  const record: ParsedRecord = {};
  const problems: RowProblem[] = [];
  const fields = IMPORT_FIELDS[kind];
  const columnOf = (name: string) => mapping[name] ?? fields.find((field) => field.name === name)!.label;
  const cellOf = (name: string): string | null => {
    const column = mapping[name];
    if (column === undefined) return null;
    const index = columns.indexOf(column);
    return index < 0 ? null : row.cells[index] ?? '';
  };
  const problem = (name: string, reason: string) => problems.push({ column: columnOf(name), value: cellOf(name), reason });

  for (const field of fields) {
    const cell = cellOf(field.name);
    if (cell === null || cell.trim() === '') {
      record[field.name] = null;
      // An unmapped required field is the run's problem (unmappedRequired), not every row's.
      if (field.required && cell !== null) problem(field.name, '必填项为空');
      continue;
    }
    try {
      record[field.name] = valueOf(field, cell);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      record[field.name] = null;
      problem(field.name, error.message);
    }
  }

  // A spatial record's geometry gives the coordinates (a point) or the line (a segment).
  if (row.geometry) {
    if (kind === 'road-segments') {
      const line = lineOf(row.geometry);
      if (line) record.line = line.map(([lng, lat]) => [lng!, lat!]);
      else problems.push({ column: '几何', value: row.geometry.type, reason: '道路路段须为线要素（LineString）' });
    } else if (row.geometry.type === 'Point') {
      [record.lng, record.lat] = [row.geometry.coordinates[0]!, row.geometry.coordinates[1]!];
    } else {
      problems.push({ column: '几何', value: row.geometry.type, reason: '须为点要素（Point）' });
    }
  }

  if ('lng' in record || 'lat' in record) {
    const has = (name: string) => record[name] !== null && record[name] !== undefined;
    if (has('lng') !== has('lat')) problem(has('lng') ? 'lat' : 'lng', '经度和纬度须同时填写');
    if (has('lng') && has('lat')) {
      [record.lng, record.lat] = toWgs84([record.lng as number, record.lat as number], crs);
    } else {
      record.lng = null;
      record.lat = null;
    }
  }
  if (Array.isArray(record.line)) record.line = (record.line as number[][]).map(([lng, lat]) => toWgs84([lng!, lat!], crs));

  const located = record.lng !== null || Boolean(record.address) || Boolean(record.town);
  if (kind === 'enterprises' || kind === 'accidents') {
    if (!located) problem('lng', '须填写经纬度，或地址、所属乡镇（按乡镇定位）');
  }
  if (kind === 'hazards') {
    if (!located && !record.creditCode) problem('lng', '须填写经纬度、所在企业的信用代码，或地址、所属乡镇（按乡镇定位）');
    if (record.creditCode && record.roadSegmentId) problem('roadSegmentId', '隐患属于企业或路段，不能同时填写');
    const rank = STATUS_RANK[(record.status as string | null) ?? 'REPORTED']!;
    // The app records the five in place only when rectification starts (all five or none,
    // as the hazard form): a 登记 row that has them would lose them, so the user decides.
    const given = FIVE_IN_PLACE.find((name) => record[name] !== null);
    if (rank === 0 && given !== undefined) {
      problem(given, '治理状态为登记的隐患尚未开始整改，不记五到位；已落实五到位的，治理状态请填“整改中”');
    }
    if (rank >= 1) {
      for (const name of FIVE_IN_PLACE) {
        if (record[name] === null && !problems.some((p) => p.column === columnOf(name))) {
          problem(name, '治理状态为整改中、待验收或已销号时须填写（五到位：责任、措施、资金、时限、预案）');
        }
      }
    }
    if (record.originalDeadline !== null) {
      if (record.deadline === null) problem('deadline', '填写了原整改时限时须填写（延期后的）整改时限');
      else if ((record.originalDeadline as string) >= (record.deadline as string)) problem('originalDeadline', '原整改时限须早于整改时限（延期只能推后）');
      if (!record.extensionReason) problem('extensionReason', '整改时限延期过，须填写延期原因');
      if (rank < 1) problem('originalDeadline', '登记状态的隐患还没有整改时限，不能有延期');
    }
  }
  if (kind === 'road-segments') {
    if (!row.geometry && record.line === null) problem('line', '须填写线形坐标（或导入 GeoJSON/Shapefile 线要素）');
    if (typeof record.startChainage === 'number' && typeof record.endChainage === 'number' && record.endChainage <= record.startChainage) {
      problem('endChainage', '终点桩号须大于起点桩号');
    }
  }
  if (kind === 'inspections' && !record.creditCode && !record.town) problem('town', '须填写被检查单位的信用代码或所属乡镇');
  if (kind === 'accidents' && typeof record.reportedAt === 'string' && typeof record.occurredAt === 'string'
      && record.reportedAt < record.occurredAt) {
    problem('reportedAt', '报告时间早于事故时间');
  }
  return { record, problems };
}
