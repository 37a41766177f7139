/** The GraphQL types of licensing, by area. */
export * from './enums.js';
export * from './party-types.js';
export * from './authorization-types.js';
export * from './inputs.js';
export * from './integrity-types.js';
