import sharp from 'sharp';
import { codePrefix } from '../common/viewer';
import type { RequestDb } from '../common/request-db';

/** Width of the map image in pixels; its height follows the units' extent. */
const MAP_WIDTH = 1200;

/**
 * Overdue classes, light to dark red, with the counts that start them. A single-hue ramp,
 * so the map cannot be read as the four risk colours (red/orange/yellow/blue).
 */
const RAMP = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];

interface UnitShape {
  code: string;
  name: string;
  path: string;
  label_x: number;
  label_y: number;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
}

export interface MapImage {
  png: Buffer;
  width: number;
  height: number;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The child units of a briefing drawn from their boundaries, each filled by its overdue
 * count and labelled with its name and the count: an SVG built from ST_AsSVG (y grows down
 * there, hence the negated label y), rasterised with sharp. The boundaries are read under
 * the viewer's row-level security like everything else, simplified to about a pixel.
 */
export async function overdueMap(db: RequestDb, unitCodes: readonly string[], overdue: ReadonlyMap<string, number>): Promise<MapImage | null> {
  const shapes = await db.query<UnitShape>(
    `with units as (
       select code, name, boundary from jurisdictions where code = any($1::text[]) and boundary is not null),
     box as (select st_extent(boundary) as b from units)
     select u.code, u.name,
            st_assvg(st_simplifypreservetopology(u.boundary, (st_xmax(box.b) - st_xmin(box.b)) / $2::int), 0, 5) as path,
            st_x(st_pointonsurface(u.boundary)) as label_x, -st_y(st_pointonsurface(u.boundary)) as label_y,
            st_xmin(box.b) as min_x, st_ymin(box.b) as min_y, st_xmax(box.b) as max_x, st_ymax(box.b) as max_y
     from units u cross join box
     order by u.code`,
    [unitCodes, MAP_WIDTH]);
  if (shapes.length === 0) return null;
  const { min_x: minX, min_y: minY, max_x: maxX, max_y: maxY } = shapes[0]!;
  // Degrees of longitude shrink with latitude: scale x so the map is not stretched.
  const xScale = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = (maxX - minX) * xScale;
  const spanY = maxY - minY;
  const legendHeight = 60;
  const mapHeight = Math.round((MAP_WIDTH * spanY) / spanX);
  const height = mapHeight + legendHeight;
  const max = Math.max(1, ...overdue.values());
  const classOf = (count: number) => (count === 0 ? 0 : Math.min(RAMP.length - 1, 1 + Math.floor(((count - 1) / max) * (RAMP.length - 1))));
  const unit = spanX / MAP_WIDTH;
  const fontSize = 26 * unit;
  const polygons = shapes.map((s) => `<path d="${s.path}" fill="${RAMP[classOf(overdue.get(s.code) ?? 0)]}" stroke="#555" stroke-width="${unit}" fill-rule="evenodd"/>`).join('');
  const labels = shapes.map((s) => {
    const x = (s.label_x - minX) * xScale + minX;
    return `<text x="${x}" y="${s.label_y}" font-size="${fontSize}" text-anchor="middle" font-family="WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif" fill="#111" stroke="#fff" stroke-width="${unit * 3}" paint-order="stroke">${escapeXml(s.name)} ${overdue.get(s.code) ?? 0}</text>`;
  }).join('');
  const steps = RAMP.map((colour, i) => {
    const from = i === 0 ? 0 : Math.ceil(1 + ((i - 1) * max) / (RAMP.length - 1));
    return `<rect x="${20 + i * 150}" y="${mapHeight + 20}" width="30" height="20" fill="${colour}" stroke="#555"/>
      <text x="${56 + i * 150}" y="${mapHeight + 36}" font-size="16" font-family="WenQuanYi Zen Hei, sans-serif">${i === 0 ? '0' : `≥ ${from}`}</text>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <svg x="0" y="0" width="${MAP_WIDTH}" height="${mapHeight}" viewBox="${minX} ${-maxY} ${spanX} ${spanY}" preserveAspectRatio="xMidYMid meet">
      <g transform="translate(${minX * (1 - xScale)} 0) scale(${xScale} 1)">${polygons}</g>${labels}
    </svg>${steps}
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return { png, width: MAP_WIDTH, height };
}

/** Which child unit a town code belongs to, by the units' code prefixes. */
export function unitOfTown(unitCodes: readonly string[]): (townCode: string) => string | undefined {
  const prefixes = unitCodes.map((code) => [codePrefix(code), code] as const);
  return (townCode) => prefixes.find(([prefix]) => townCode.startsWith(prefix))?.[1];
}
