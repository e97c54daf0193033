// pg 8 exports no types for the two internals a Submittable needs (pg-cursor uses the same
// deep requires): the row parser of a result and the parameter serialiser.
declare module 'pg/lib/result.js' {
  import type { FieldDef, QueryResultRow } from 'pg';

  export default class Result {
    rows: QueryResultRow[];
    addFields(fields: FieldDef[]): void;
    parseRow(fields: unknown[]): QueryResultRow;
    addRow(row: QueryResultRow): void;
  }
}

declare module 'pg/lib/utils.js' {
  /** A parameter as pg sends it: text (arrays as literals, dates in ISO), a Buffer or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
