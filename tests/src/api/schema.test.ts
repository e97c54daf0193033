import { readFileSync } from 'node:fs';
import { printedSchema, schemaFile } from '@risk/api/print-schema';

describe('the committed GraphQL schema', () => {
  it('matches the schema the resolvers build (run `npm run schema -w @risk/api` after changing them)', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(await printedSchema());
  });
});
