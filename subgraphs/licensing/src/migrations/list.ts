import { Migration0001Organization } from './0001_organization.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [{ name: '0001_organization', class: Migration0001Organization }];
