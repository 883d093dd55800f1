export * from './applications.ts';
export * from './audit.ts';
export * from './ledger.ts';
export * from './numbering.ts';
export * from './payments.ts';
export * from './organisations.ts';
export * from './registry.ts';
export * from './settings.ts';
