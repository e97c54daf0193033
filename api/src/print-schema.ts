import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

/** The committed schema file; web codegen reads it, and a test fails when it is stale. */
export const schemaFile = join(__dirname, '..', 'schema.graphql');

export async function printedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

if (require.main === module) {
  void printedSchema().then((text) => writeFileSync(schemaFile, text));
}
