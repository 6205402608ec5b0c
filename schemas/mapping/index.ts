export * from './language.ts';
export * from './json-schema.ts';
