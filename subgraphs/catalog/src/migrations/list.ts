import { Migration0001DataResource } from './0001_data_resource.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [{ name: '0001_data_resource', class: Migration0001DataResource }];
