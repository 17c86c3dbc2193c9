import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const objectTypeImport = {
  name: 'type-graphql',
  importNames: ['ObjectType'],
  message: "Use ObjectType from graphql/object-type.ts: plain fields resolve without type-graphql's per-value wrapper.",
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-check/**',
      '**/.next/**',
      '**/node_modules/**',
      'dashboard/next-env.d.ts',
      'dashboard/src/gql/**',
      'bots/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Object types use graphql/object-type.ts's ObjectType (simple resolvers for plain fields).
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/graphql/object-type.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [objectTypeImport] }] },
  },
  {
    // graphql/ is a helper library for resolvers; wiring that knows the features lives beside app.ts.
    files: ['api/src/graphql/**/*.ts'],
    ignores: ['api/src/graphql/object-type.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [objectTypeImport],
          patterns: [{ group: ['**/features/**'], message: 'graphql/ must not import features; wire them beside app.ts.' }],
        },
      ],
    },
  },
  {
    // Plain Node ESM tooling (npm start, npm test).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { AbortSignal: 'readonly' } },
  },
  {
    // The dashboard runs in the browser (and on Next's server); React uses the automatic JSX runtime.
    files: ['dashboard/**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        FormData: 'readonly',
        StorageEvent: 'readonly',
        Response: 'readonly',
      },
    },
  },
);
