import { EntitySchema } from '@mikro-orm/core';

/**
 * 数据资源 — registered with the ORM so the schema owner is known; reads and writes go through
 * set-based SQL in data/ (search, facets and versioning are SQL-shaped).
 */
export class DataResourceEntity {
  id!: string;
  jurisdiction!: string;
  code!: string;
  nameZh!: string;
  sourceAgencyId!: string;
  version!: number;
}

export const DataResourceSchema = new EntitySchema<DataResourceEntity>({
  class: DataResourceEntity,
  tableName: 'data_resource',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    code: { type: 'string' },
    nameZh: { type: 'string', fieldName: 'name_zh' },
    sourceAgencyId: { type: 'uuid', fieldName: 'source_agency_id' },
    version: { type: 'integer' },
  },
});
