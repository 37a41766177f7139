export * from './errors.js';
export * from './decimal.js';
export * from './money.js';
export * from './dates.js';
