import { Migration0001DataResource } from './0001_data_resource.js';
import { Migration0002OrganizationProjection } from './0002_organization_projection.js';
import { Migration0003PolicyProfileProjection } from './0003_policy_profile_projection.js';
import { Migration0004ProjectionNames } from './0004_projection_names.js';
import { Migration0005ResourceOrigin } from './0005_resource_origin.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_data_resource', class: Migration0001DataResource },
  { name: '0002_organization_projection', class: Migration0002OrganizationProjection },
  { name: '0003_policy_profile_projection', class: Migration0003PolicyProfileProjection },
  { name: '0004_projection_names', class: Migration0004ProjectionNames },
  { name: '0005_resource_origin', class: Migration0005ResourceOrigin },
];
