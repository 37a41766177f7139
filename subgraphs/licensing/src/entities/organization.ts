import { EntitySchema } from '@mikro-orm/core';

/** 主体 | Organization (every party) */
export class OrganizationEntity {
  id!: string;
  jurisdiction!: string;
  name!: string;
  createdAt!: Date;
}

export const OrganizationSchema = new EntitySchema<OrganizationEntity>({
  class: OrganizationEntity,
  tableName: 'organization',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
