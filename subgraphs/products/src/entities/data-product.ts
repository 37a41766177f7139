import { EntitySchema } from '@mikro-orm/core';

/** 数据产品 | Data product */
export class DataProductEntity {
  id!: string;
  jurisdiction!: string;
  name!: string;
  createdAt!: Date;
}

export const DataProductSchema = new EntitySchema<DataProductEntity>({
  class: DataProductEntity,
  tableName: 'data_product',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
