import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the checked-in schema. `npm run codegen -w dashboard` writes src/gql;
// `npm run lint` runs it with --check, so stale generated code fails the build.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', ID: 'string' },
        skipTypename: false,
      },
    },
  },
};

export default config;
