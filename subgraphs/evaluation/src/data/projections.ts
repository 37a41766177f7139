import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';

/*
 * The local projections of other subgraphs' facts, written only by the event handlers (and the demo seed). Every write
 * is an idempotent upsert: a redelivered event changes nothing, and versions or effective instants keep an older
 * event from overwriting a newer one.
 */

export interface ResourceFacts {
  id: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  sector: string;
  sourceAgencyId: string;
  recordCount: number | string;
  quality: string;
  status: string;
  version: number;
  at: string;
}

export function upsertResource(em: Em, r: ResourceFacts) {
  return db(em)
    .insertInto('resource_projection')
    .values({
      id: r.id,
      jurisdiction: r.jurisdiction,
      code: r.code,
      name_zh: r.nameZh,
      sector: r.sector,
      source_agency_id: r.sourceAgencyId,
      record_count: String(r.recordCount),
      quality: r.quality,
      status: r.status,
      version: r.version,
      published_at: r.at,
      withdrawn_at: r.status === 'WITHDRAWN' ? r.at : null,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          code: eb.ref('excluded.code'),
          name_zh: eb.ref('excluded.name_zh'),
          sector: eb.ref('excluded.sector'),
          source_agency_id: eb.ref('excluded.source_agency_id'),
          record_count: eb.ref('excluded.record_count'),
          quality: eb.ref('excluded.quality'),
          status: eb.ref('excluded.status'),
          version: eb.ref('excluded.version'),
          published_at: sql<string>`least(resource_projection.published_at, excluded.published_at)`,
          withdrawn_at: sql<string | null>`case when excluded.status = 'WITHDRAWN' then coalesce(resource_projection.withdrawn_at, excluded.withdrawn_at) else null end`,
        }))
        .where('resource_projection.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}

export function withdrawResource(em: Em, id: string, at: string, version: number) {
  return db(em).updateTable('resource_projection').set({ status: 'WITHDRAWN', withdrawn_at: at, version }).where('id', '=', id).where('version', '<=', version).execute();
}

export function registrationCoded(em: Em, r: { registrationId: string; resourceId: string; jurisdiction: string; code: string; codedOn: string }) {
  return db(em)
    .insertInto('resource_registration_projection')
    .values({ registration_id: r.registrationId, resource_id: r.resourceId, jurisdiction: r.jurisdiction, registration_code: r.code, state: 'CODED', coded_on: r.codedOn })
    .onConflict((oc) =>
      oc
        .column('registration_id')
        .doUpdateSet((eb) => ({ registration_code: eb.ref('excluded.registration_code'), coded_on: eb.ref('excluded.coded_on') }))
        .where('resource_registration_projection.state', '=', 'CODED'),
    )
    .execute();
}

/** A cancellation is final: it wins whichever order the two events arrive in. */
export function registrationEnded(em: Em, r: { registrationId: string; resourceId: string; jurisdiction: string; state: string }) {
  return db(em)
    .insertInto('resource_registration_projection')
    .values({ registration_id: r.registrationId, resource_id: r.resourceId, jurisdiction: r.jurisdiction, state: r.state })
    .onConflict((oc) => oc.column('registration_id').doUpdateSet((eb) => ({ state: eb.ref('excluded.state') })))
    .execute();
}

export function insertCorrection(
  em: Em,
  c: { correctionId: string; resourceId: string; sourceAgencyId: string; jurisdiction: string; raisedOn: string; dueOn: string; answeredOn: string; onTime: boolean; outcome: string },
) {
  return db(em)
    .insertInto('correction_projection')
    .values({
      correction_id: c.correctionId,
      resource_id: c.resourceId,
      source_agency_id: c.sourceAgencyId,
      jurisdiction: c.jurisdiction,
      raised_on: c.raisedOn,
      due_on: c.dueOn,
      answered_on: c.answeredOn,
      on_time: c.onTime,
      outcome: c.outcome,
    })
    .onConflict((oc) => oc.column('correction_id').doNothing())
    .execute();
}

export function upsertOrg(em: Em, o: { id: string; jurisdiction: string; nameZh: string; kinds: string[] }) {
  return db(em)
    .insertInto('org_projection')
    .values({ id: o.id, jurisdiction: o.jurisdiction, name_zh: o.nameZh, kinds: o.kinds })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ jurisdiction: eb.ref('excluded.jurisdiction'), name_zh: eb.ref('excluded.name_zh'), kinds: eb.ref('excluded.kinds') })))
    .execute();
}

/** The recorded name of an organization, or its id when no name arrived yet. */
export async function orgName(em: Em, id: string): Promise<string> {
  const r = await db(em).selectFrom('org_projection').select('name_zh').where('id', '=', id).executeTakeFirst();
  return r?.name_zh ?? id;
}

/** The recorded name of an organization, if any arrived. */
export async function orgNameOrNull(em: Em, id: string): Promise<string | null> {
  const r = await db(em).selectFrom('org_projection').select('name_zh').where('id', '=', id).executeTakeFirst();
  return r?.name_zh ?? null;
}

export interface AgreementFacts {
  id: string;
  agreementNumber: string;
  jurisdiction: string;
  operatorId: string;
  mode: string;
  status: string;
  startDate: string;
  endDate: string;
  resourceIds: string[];
  sectors: string[];
  at: string;
}

/** Answers whether the facts were newer than those held. */
export async function upsertAgreement(em: Em, a: AgreementFacts): Promise<boolean> {
  const rows = await db(em)
    .insertInto('agreement_projection')
    .values({
      id: a.id,
      agreement_number: a.agreementNumber,
      jurisdiction: a.jurisdiction,
      operator_id: a.operatorId,
      mode: a.mode,
      status: a.status,
      start_date: a.startDate,
      end_date: a.endDate,
      resource_ids: a.resourceIds,
      sectors: a.sectors,
      status_at: a.at,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          agreement_number: eb.ref('excluded.agreement_number'),
          mode: eb.ref('excluded.mode'),
          status: eb.ref('excluded.status'),
          start_date: eb.ref('excluded.start_date'),
          end_date: eb.ref('excluded.end_date'),
          resource_ids: eb.ref('excluded.resource_ids'),
          sectors: eb.ref('excluded.sectors'),
          status_at: eb.ref('excluded.status_at'),
        }))
        .where('agreement_projection.status_at', '<=', (eb) => eb.ref('excluded.status_at')),
    )
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** A status change, unless a newer one is held; answers the agreement number when it applied. */
export async function agreementStatusChanged(em: Em, s: { id: string; status: string; endDate: string; at: string }): Promise<string | null> {
  const r = await db(em)
    .updateTable('agreement_projection')
    .set({ status: s.status, end_date: s.endDate, status_at: s.at })
    .where('id', '=', s.id)
    .where('status_at', '<=', s.at)
    .returning('agreement_number')
    .executeTakeFirst();
  return r?.agreement_number ?? null;
}

export async function agreementNumber(em: Em, id: string): Promise<string | null> {
  const r = await db(em).selectFrom('agreement_projection').select('agreement_number').where('id', '=', id).executeTakeFirst();
  return r?.agreement_number ?? null;
}

/** Names of resources, by code. */
export async function resourceNames(em: Em, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db(em).selectFrom('resource_projection').select('name_zh').where('id', 'in', ids).orderBy('code').execute();
  return rows.map((r) => r.name_zh);
}

export function upsertScenario(em: Em, s: { id: string; agreementId: string; operatorId: string; jurisdiction: string; nameZh: string; category: string; resourceIds: string[]; approvedAt: string }) {
  return db(em)
    .insertInto('scenario_projection')
    .values({ id: s.id, agreement_id: s.agreementId, operator_id: s.operatorId, jurisdiction: s.jurisdiction, name_zh: s.nameZh, category: s.category, resource_ids: s.resourceIds, approved_at: s.approvedAt })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ name_zh: eb.ref('excluded.name_zh'), category: eb.ref('excluded.category'), resource_ids: eb.ref('excluded.resource_ids'), approved_at: eb.ref('excluded.approved_at') })),
    )
    .execute();
}
