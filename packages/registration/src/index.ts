export * from './state-machine.js';
export * from './timers.js';
export * from './terms.js';
