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

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.relais/**', 'schemas/json/**', 'dist/**', 'coverage/**'] },
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
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Function']", message: 'Never build code from strings.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  { files: ['core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBoundary] } },
  // Layout is Prettier's (npm run format); no lint rule argues with it.
  prettier,
  // Tests read JSON answers whose shape each assertion checks.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
