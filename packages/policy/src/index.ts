export * from './errors.js';
export * from './decimal.js';
export * from './money.js';
export * from './dates.js';
export * from './calendar.js';
export * from './profiles.js';
export * from './rules.js';
export * from './doc.js';
