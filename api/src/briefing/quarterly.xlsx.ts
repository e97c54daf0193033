import ExcelJS from 'exceljs';
import type { Period } from '../stats/stats.service';
import type { QuarterRow } from './briefing.service';

/**
 * The columns of 隐患排查治理情况统计分析表 after the national form (docs/exports.md): 一般隐患
 * and 重大隐患 each with 排查数, 已整改 and 整改率 (重大 also 未整改), the major hazards under
 * listed supervision by level, and the rectification funds. Two header rows, as printed.
 */
const GROUPS: { title: string; columns: { title: string; value: (r: QuarterRow) => number | null; format?: string }[] }[] = [
  { title: '一般隐患', columns: [
    { title: '排查数（项）', value: (r) => r.foundGeneral },
    { title: '已整改（项）', value: (r) => r.rectifiedGeneral },
    { title: '整改率', value: (r) => (r.foundGeneral === 0 ? null : r.rectifiedGeneral / r.foundGeneral), format: '0.0%' },
  ] },
  { title: '重大隐患', columns: [
    { title: '排查数（项）', value: (r) => r.foundMajor },
    { title: '已整改（项）', value: (r) => r.rectifiedMajor },
    { title: '整改率', value: (r) => (r.foundMajor === 0 ? null : r.rectifiedMajor / r.foundMajor), format: '0.0%' },
    { title: '未整改（项）', value: (r) => r.foundMajor - r.rectifiedMajor },
  ] },
  { title: '挂牌督办（项）', columns: [
    { title: '省级', value: (r) => r.listedProvince },
    { title: '市级', value: (r) => r.listedCity },
    { title: '县级', value: (r) => r.listedCounty },
  ] },
  { title: '整改资金', columns: [{ title: '（万元）', value: (r) => Math.round(r.fundsYuan / 100) / 100, format: '#,##0.00' }] },
];

/** The total row: sums of every count (rates recomputed from the sums). */
export function totalOf(rows: readonly QuarterRow[]): QuarterRow {
  const sum = (pick: (r: QuarterRow) => number) => rows.reduce((t, r) => t + pick(r), 0);
  return {
    name: '合计',
    foundGeneral: sum((r) => r.foundGeneral), rectifiedGeneral: sum((r) => r.rectifiedGeneral),
    foundMajor: sum((r) => r.foundMajor), rectifiedMajor: sum((r) => r.rectifiedMajor),
    listedProvince: sum((r) => r.listedProvince), listedCity: sum((r) => r.listedCity), listedCounty: sum((r) => r.listedCounty),
    fundsYuan: sum((r) => r.fundsYuan),
  };
}

export async function quarterlyXlsx(unitName: string, title: string, period: Period, rows: readonly QuarterRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计分析表', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true } });
  const columnCount = 2 + GROUPS.reduce((n, g) => n + g.columns.length, 0);
  const border = { style: 'thin' as const };
  const boxed = { top: border, left: border, bottom: border, right: border };

  sheet.mergeCells(1, 1, 1, columnCount);
  Object.assign(sheet.getCell(1, 1), { value: title, font: { bold: true, size: 16 }, alignment: { horizontal: 'center' } });
  sheet.mergeCells(2, 1, 2, columnCount);
  sheet.getCell(2, 1).value = `填报单位：${unitName}　　统计期间：${period.from} 至 ${period.to}`;

  const header = (row: number, col: number, value: string) => Object.assign(sheet.getCell(row, col), {
    value, font: { bold: true }, border: boxed, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  sheet.mergeCells(3, 1, 4, 1);
  header(3, 1, '序号');
  sheet.mergeCells(3, 2, 4, 2);
  header(3, 2, '单位');
  let col = 3;
  for (const group of GROUPS) {
    if (group.columns.length > 1) sheet.mergeCells(3, col, 3, col + group.columns.length - 1);
    header(3, col, group.title);
    group.columns.forEach((c, i) => header(4, col + i, c.title));
    col += group.columns.length;
  }

  const write = (rowNumber: number, serial: number | string, row: QuarterRow) => {
    const cells = [serial, row.name, ...GROUPS.flatMap((g) => g.columns.map((c) => c.value(row)))];
    const formats = [undefined, undefined, ...GROUPS.flatMap((g) => g.columns.map((c) => c.format))];
    cells.forEach((value, i) => Object.assign(sheet.getCell(rowNumber, i + 1), {
      value, border: boxed, ...(formats[i] ? { numFmt: formats[i] } : {}), ...(serial === '' ? { font: { bold: true } } : {}),
    }));
  };
  rows.forEach((row, i) => write(5 + i, i + 1, row));
  write(5 + rows.length, '', totalOf(rows));

  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 18;
  for (let i = 3; i <= columnCount; i += 1) sheet.getColumn(i).width = 11;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
