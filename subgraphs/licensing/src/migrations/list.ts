import { Migration0001Organization } from './0001_organization.js';
import { Migration0002Licensing } from './0002_licensing.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_organization', class: Migration0001Organization },
  { name: '0002_licensing', class: Migration0002Licensing },
];
