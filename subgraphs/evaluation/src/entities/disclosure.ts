import { EntitySchema } from '@mikro-orm/core';

/** 公开披露 | Public disclosure */
export class DisclosureEntity {
  id!: string;
  jurisdiction!: string;
  name!: string;
  createdAt!: Date;
}

export const DisclosureSchema = new EntitySchema<DisclosureEntity>({
  class: DisclosureEntity,
  tableName: 'disclosure',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
