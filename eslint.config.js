import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** The domain core stays pure: no AWS SDK, no Lambda runtime, no adapters or handlers. */
const coreBoundary = {
  patterns: [
    {
      group: ['@aws-sdk/*', '@smithy/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
      message: 'core/ is pure: AWS belongs in adapters/.',
    },
    {
      group: ['@middy/*', '@aws-lambda-powertools/*', 'aws-lambda'],
      message: 'core/ is pure: Lambda runtime concerns belong in functions/.',
    },
    {
      group: [
        '**/adapters/**',
        '**/functions/**',
        '**/cli/**',
        '**/infra/**',
        'dynalite',
        'local-aws-sqs',
        'node:http',
        'node:fs',
        'node:fs/promises',
        'node:net',
      ],
      message: 'core/ depends only on schemas/ and its own ports.',
    },
  ],
};

/** Selectors no-restricted-syntax applies everywhere; a block that adds its own must repeat them. */
const buildsCode = { selector: "NewExpression[callee.name='Function']", message: 'Never build code from strings.' };

/**
 * "May this caller see this?" is decided in core/access only. Comparing organisation ids elsewhere
 * (`x.organisationId === y`, `closestOrganisationId !== org`, `ids.includes(organisationId)`) re-types
 * the policy; a check that an id is absent (`=== undefined`) is not a decision and stays allowed.
 */
const orgId = '/[oO]rganisationIds?$/';
const isOrgId = (side) => `[${side}.name=${orgId}], [${side}.property.name=${orgId}]`;
// esquery reads a missing attribute as the text 'undefined', hence the type tests.
const notAbsent = (side) =>
  `:not([${side}.type='Identifier'][${side}.name='undefined'], [${side}.type='Literal'][${side}.value=null])`;
const accessOutsidePolicy = [
  {
    selector: `BinaryExpression[operator=/^[!=]==?$/]:matches(${isOrgId('left')}, ${isOrgId('right')})${notAbsent('left')}${notAbsent('right')}`,
    message:
      'Decide visibility with core/access (canSee, requireVisible, visibleMembers), not by comparing organisation ids.',
  },
  {
    selector: `CallExpression[callee.property.name='includes']:matches([arguments.0.name=${orgId}], [arguments.0.property.name=${orgId}])`,
    message:
      'Decide visibility with core/access (canSee, requireVisible, visibleMembers), not by looking organisation ids up.',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'cdk.out/**', '.relais/**', 'schemas/json/**', 'dist/**', 'coverage/**', 'ui/.out/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', buildsCode],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  { files: ['core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBoundary] } },
  {
    files: ['core/**/*.ts', 'functions/**/*.ts'],
    ignores: ['core/access/**'],
    rules: { 'no-restricted-syntax': ['error', buildsCode, ...accessOutsidePolicy] },
  },
  {
    // The admin UI talks to the public API only: it may borrow the API's types, never server code.
    files: ['ui/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/schemas/**', '**/core/**', 'zod'],
              allowTypeImports: true,
              message: 'The UI imports only types from the server: values would bundle server code.',
            },
            {
              group: ['**/adapters/**', '**/functions/**', '**/cli/**', '**/infra/**', 'node:*'],
              message: 'The UI runs in the browser and reaches Relais through its public API only.',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); no lint rule argues with it.
  prettier,
  // Tests read JSON answers whose shape each assertion checks.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
