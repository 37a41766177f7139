import { EntitySchema } from '@mikro-orm/core';

/** 数据资源: one catalogued public data resource of a source agency (metadata only, never data). */
export class DataResourceEntity {
  id!: string;
  jurisdiction!: string;
  code!: string;
  nameZh!: string;
  descriptionZh!: string;
  sourceAgencyId!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const DataResourceSchema = new EntitySchema<DataResourceEntity>({
  class: DataResourceEntity,
  tableName: 'data_resource',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    code: { type: 'string' },
    nameZh: { type: 'string', fieldName: 'name_zh' },
    descriptionZh: { type: 'text', fieldName: 'description_zh' },
    sourceAgencyId: { type: 'uuid', fieldName: 'source_agency_id' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', fieldName: 'updated_at' },
  },
});
