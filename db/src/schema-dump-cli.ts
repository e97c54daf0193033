import { writeFileSync } from 'node:fs';
import { dumpMigratedSchema, schemaFile } from './schema-dump';

// npm run schema -w @risk/db: rewrites db/schema.sql from the migrations, through a
// PostgreSQL server (DATABASE_URL, else the local one) and its pg_dump.
const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
dumpMigratedSchema(server).then((dump) => {
  writeFileSync(schemaFile, dump);
  console.log(`wrote ${schemaFile}`);
}, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
