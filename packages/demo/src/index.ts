export * from './ids.js';
export * from './organizations.js';
export * from './users.js';
