import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { profileLoader, sql, type Identity } from '@pdo/platform';
import { loadResources, type ResourceRow } from '../data/resource-rows.js';
import { REGISTRATION_COLUMNS, type RegistrationRow } from '../domain/registration-service.js';

const countBy = (em: EntityManager, text: string) =>
  new DataLoader<string, number>(async (ids) => {
    const rows = await sql<{ id: string; n: string }>(em, text, [ids]);
    const m = new Map(rows.map((r) => [r.id, Number(r.n)]));
    return ids.map((id) => m.get(id) ?? 0);
  });

export interface RegistrationStepRow {
  registrationId: string;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorSub: string;
  actorRole: string;
  onDate: string;
  at: Date;
}

/** Fresh per request: every by-id / per-resource lookup of one tick becomes one `= any($1)` query. */
export function createLoaders(em: EntityManager, _identity?: Identity) {
  return {
    /** Effective policy profile per jurisdiction (local edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    resourceById: new DataLoader<string, ResourceRow | null>(async (ids) => {
      const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      const rows = await loadResources(em, valid);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    versionsCount: countBy(em, `select resource_id::text as id, count(*)::text as n from data_resource_version where resource_id = any($1::uuid[]) group by resource_id`),
    openCorrectionsCount: countBy(em, `select resource_id::text as id, count(*)::text as n from correction_request where state = 'OPEN' and resource_id = any($1::uuid[]) group by resource_id`),
    /** The most recent registration of each resource (any state): one `distinct on` query per batch. */
    latestRegistration: new DataLoader<string, RegistrationRow | null>(async (ids) => {
      const rows = await sql<RegistrationRow>(
        em,
        `select distinct on (g.resource_id) ${REGISTRATION_COLUMNS} from resource_registration g where g.resource_id = any($1::uuid[]) order by g.resource_id, g.created_at desc, g.id desc`,
        [ids],
      );
      const m = new Map(rows.map((r) => [r.resourceId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
    registrationSteps: new DataLoader<string, RegistrationStepRow[]>(async (ids) => {
      const rows = await sql<RegistrationStepRow>(
        em,
        `select registration_id::text as "registrationId", action, from_state as "fromState", to_state as "toState", reason, actor_sub as "actorSub",
                actor_role as "actorRole", to_char(on_date, 'YYYY-MM-DD') as "onDate", at
           from resource_registration_step where registration_id = any($1::uuid[]) order by at, id`,
        [ids],
      );
      return ids.map((id) => rows.filter((r) => r.registrationId === id));
    }),
  };
}
export type CatalogLoaders = ReturnType<typeof createLoaders>;
