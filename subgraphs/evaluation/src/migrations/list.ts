import { Migration0001Disclosure } from './0001_disclosure.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [{ name: '0001_disclosure', class: Migration0001Disclosure }];
