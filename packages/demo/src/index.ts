export * from './ids.js';
export * from './organizations.js';
export * from './users.js';
export * from './resources.js';
export * from './authorizations.js';
export * from './products.js';
export * from './usage.js';
