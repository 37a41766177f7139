export * from './server.js';
export * from './auth.js';
export * from './config.js';
export * from './subgraphs.js';
export * from './compose.js';
export * from './limits.js';
export * from './rate-limit.js';
