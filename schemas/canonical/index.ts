export * from './codes.ts';
export * from './person.ts';
export * from './case.ts';
export * from './organisation.ts';
export * from './record.ts';
export * from './service.ts';
