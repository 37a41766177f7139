export * from './database.js';
export * from './stack.js';
export * from './invariants.js';
export * from './tables.js';
