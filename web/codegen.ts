import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Result and variable types come from the committed API schema, never by hand: a changed
 * schema that breaks an operation fails the build here.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { GeoJSON: 'GeoJSON.Geometry', DateTimeISO: 'string', LocalDate: 'string', BBox: '[number, number, number, number]', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
