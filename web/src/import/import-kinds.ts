import type { CreatedKind } from '../forms/form-panel';
import type { ImportKind, MeQuery } from '../gql/graphql';

/** The import page's path; the top bar links to it for whoever may import something. */
export const IMPORT_PATH = '/import';

/** How each importable ledger meets the rest of the app. */
interface KindInfo {
  /** Its name in the REST paths (`/imports/templates/<path>.xlsx`, the upload's `kind`). */
  path: string;
  /** The Me.mayCreate flag: who may create a kind by hand may import it (IMPORT-CONTRACT.md §2). */
  creates: CreatedKind;
  /** The ledger tab that lists it beside the map; road segments have none and show on the map. */
  ledger: 'hazards' | 'enterprises' | 'inspections' | 'accidents' | null;
}

// A Record over the generated enum: a kind the API adds fails the build until it is placed here.
export const IMPORT_KINDS: Record<ImportKind, KindInfo> = {
  HAZARDS: { path: 'hazards', creates: 'hazard', ledger: 'hazards' },
  ENTERPRISES: { path: 'enterprises', creates: 'enterprise', ledger: 'enterprises' },
  ROAD_SEGMENTS: { path: 'road-segments', creates: 'roadSegment', ledger: null },
  INSPECTIONS: { path: 'inspections', creates: 'inspection', ledger: 'inspections' },
  ACCIDENTS: { path: 'accidents', creates: 'accident', ledger: 'accidents' },
};

/** The kinds this viewer may import, in the order the page offers them. */
export function importableKinds(me: MeQuery['me']): ImportKind[] {
  return (Object.keys(IMPORT_KINDS) as ImportKind[]).filter((kind) => me.mayCreate[IMPORT_KINDS[kind].creates]);
}

/** The coordinate systems a file's coordinates may be in (IMPORT-CONTRACT.md §1). */
export const SOURCE_CRS = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;
export type SourceCrs = (typeof SOURCE_CRS)[number];

export const ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The files the api reads, as the file chooser's `accept`. */
export const ACCEPTED_FILES = '.xlsx,.csv,.geojson,.json,.zip';

/**
 * The error report's extension for an uploaded file: spreadsheets keep their format, a
 * GeoJSON stays GeoJSON, a zipped Shapefile's report is a spreadsheet.
 */
export function reportExtension(fileName: string): string {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  return 'xlsx';
}
