/** The benchmark's building blocks (the generator is reused by tests that need data at scale). */
export { benchId, generate, KIND, JURISDICTION, PERIOD, SEARCH_TERM, pagedProduct, type GenerateResult } from './generate.js';
export { PRESETS, scaleFrom, runOptionsFrom, type Scale, type RunOptions } from './scale.js';
export { LISTING_QUERY, PRODUCT_QUERY } from './queries.js';
export { directListing, directProduct, type DirectTarget } from './direct.js';
export { prepareDatabase, startBenchStack, DEFINITIONS } from './stack.js';
