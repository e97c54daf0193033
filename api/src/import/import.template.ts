import ExcelJS from 'exceljs';
import { creditCodeCheckCharacter } from '../enterprise/credit-code';
import type { RequestDb } from '../common/request-db';
import type { Viewer } from '../common/viewer';
import { labelOf, SECTOR_ZH } from '../export/labels-zh';
import { IMPORT_FIELDS, KIND_TITLE, type ImportKindName } from './import.fields';

// The template of a kind: the ledger sheet with the Chinese headers and one sample row that
// itself imports cleanly for the user who downloads it (a town of their scope, a point in
// it, keys of its own), and a 填写说明 sheet with every column, whether it is required and
// its allowed values (the labels of labels-zh.ts, through IMPORT_FIELDS).

interface SampleTown {
  code: string;
  name: string;
  lng: number;
  lat: number;
  today: string;
}

/** A town the viewer may write in (for `sector`), with a point inside it. */
async function sampleTown(db: RequestDb, sector: string): Promise<SampleTown | null> {
  const [town] = await db.query<SampleTown>(
    `select j.code, j.name, round(st_x(p)::numeric, 6)::float8 as lng, round(st_y(p)::numeric, 6)::float8 as lat,
            to_char(app.today() - 30, 'YYYY-MM-DD') as today
     from jurisdictions j cross join lateral app.town_anchor(j.code) p
     where j.level = 'town' and app.can_write(j.code, $1) and p is not null
     order by j.code limit 1`, [sector]);
  return town ?? null;
}

/** A valid credit code of the sample enterprise, unique to its town. */
function sampleCreditCode(town: string): string {
  const first17 = `91${town.slice(0, 6)}MA4L${town.slice(6).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The sample row's values by field name (WGS84 coordinates). */
function sampleValues(kind: ImportKindName, town: SampleTown): Record<string, string | number> {
  const place = { town: town.name, lng: town.lng, lat: town.lat };
  switch (kind) {
    case 'enterprises':
      return { name: `${town.name}示例化工有限公司`, creditCode: sampleCreditCode(town.code), riskLevel: '一般风险',
        address: `${town.name}工业园1号`, ...place, department: '应急管理局', majorHazardGrade: '无', standardizationGrade: '三级',
        status: '正常生产', employeeCount: 45, contactName: '张三', contactPhone: '0737-1234567' };
    case 'hazards':
      return { code: `YH-${town.code}-示例-001`, description: '配电箱未设置防护门，线路老化裸露', level: '一般隐患', source: '部门检查', hazardType: '电气安全', placeName: `${town.name}农贸市场`, ...place, foundOn: town.today, status: '整改中',
        responsiblePerson: '李四', measures: '更换配电箱并加装防护门，整理线路', fundsYuan: 3000, deadline: town.today.replace(/^\d{4}/, (y) => String(Number(y) + 1)),
        contingencyPlan: '整改期间断电挂牌，专人值守' };
    case 'road-segments':
      return { externalId: `LD-${town.code}-示例-001`, roadName: '示例公路', roadNumber: 'X012', roadClass: '县道', startChainage: 'K12+300',
        endChainage: 'K12+350', line: `${town.lng},${town.lat};${(town.lng + 0.0005).toFixed(6)},${town.lat}`, town: town.name,
        features: '急弯陡坡、临水临崖', accidentsLast3y: 2, riskLevel: '较大风险', department: '交通运输局' };
    case 'inspections':
      return { externalId: `JC-${town.code}-示例-001`, inspectedOn: town.today, town: town.name, department: '住房和城乡建设局',
        inspectors: '王五、赵六', kind: '专项整治', summary: '检查施工现场临边防护和起重机械' };
    case 'accidents':
      return { externalId: `SG-${town.code}-示例-001`, occurredAt: `${town.today} 14:30`, address: `${town.name}示例路口`, ...place,
        description: '两车相撞，一人重伤', deaths: 0, seriousInjuries: 1, directLossYuan: 50000, reportedAt: `${town.today} 15:10` };
  }
}

/** The sector a kind's sample row is written in (its scope test). */
const SAMPLE_SECTOR: Record<ImportKindName, string> = {
  enterprises: 'INDUSTRY_TRADE', hazards: 'CROWDED_PLACE', 'road-segments': 'ROAD_TRAFFIC', inspections: 'CONSTRUCTION', accidents: 'ROAD_TRAFFIC',
};

/** The template workbook of `kind` for `viewer`. */
export async function templateXlsx(db: RequestDb, viewer: Viewer, kind: ImportKindName): Promise<Buffer> {
  // An inspector writes only in the sectors of their department: the sample uses the first.
  const sector = viewer.role === 'inspector' && viewer.sectors[0] && kind !== 'road-segments' ? viewer.sectors[0] : SAMPLE_SECTOR[kind];
  const town = await sampleTown(db, sector);
  const fields = IMPORT_FIELDS[kind];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(KIND_TITLE[kind]);
  sheet.columns = fields.map((field) => ({ header: field.label, key: field.name, width: Math.max(12, field.label.length * 2 + 4) }));
  fields.forEach((field, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.font = { bold: true, color: { argb: field.required ? 'FFC00000' : 'FF000000' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  if (town) {
    const values = sampleValues(kind, town);
    if (kind !== 'road-segments') values.sector = labelOf(SECTOR_ZH, sector);
    sheet.addRow(fields.map((field) => values[field.name] ?? null));
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = book.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'label', width: 22 }, { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'hint', width: 60 }, { header: '可选值', key: 'values', width: 60 }, { header: '可识别的其他列名', key: 'synonyms', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const field of fields) {
    help.addRow({ label: field.label, required: field.required ? '必填' : '选填', hint: field.hint,
      values: Object.values(field.labels ?? {}).join('、'), synonyms: field.synonyms.join('、') });
  }
  help.addRow({});
  help.addRow({ label: '说明', hint: '第一张工作表为台账，表头须在数据上方（表头上方可有标题行）；红色列名为必填。示例行的坐标为 WGS84，可直接导入；'
    + '导入时选择坐标系（WGS84、CGCS2000/天地图、GCJ-02/高德腾讯、BD-09/百度）。无坐标的行按所属乡镇（或地址中的乡镇名）定位并标注。'
    + '再次导入同一文件不会重复写入（按信用代码、隐患编号或编号识别）。' });
  return Buffer.from(await book.xlsx.writeBuffer());
}
