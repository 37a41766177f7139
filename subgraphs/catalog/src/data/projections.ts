import { sql } from 'kysely';
import type { Em, Identity } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';
import { db, instant, jsonb } from './tables.js';

/**
 * Local projections of licensing's facts (organizations, agreements, access grants). Delivery is at least once and
 * may be out of order: each row keeps the instant of the fact it holds and ignores older ones, and an ended
 * agreement never comes back to life from a late "activated". The upserts decide that in their ON CONFLICT clause,
 * so one statement settles each event whatever arrived before it.
 */
const ENDED = ['TERMINATED', 'EXPIRED', 'EXITED'];

export async function upsertOrganization(em: Em, p: LicensingEvents.OrganizationRegistered, at: string): Promise<void> {
  await db(em)
    .insertInto('organization_projection')
    .values({ id: p.organizationId, jurisdiction: p.jurisdiction, kinds: jsonb(p.kinds ?? []), name_zh: p.nameZh ?? '', occurred_at: at })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ jurisdiction: eb.ref('excluded.jurisdiction'), kinds: eb.ref('excluded.kinds'), name_zh: eb.ref('excluded.name_zh'), occurred_at: eb.ref('excluded.occurred_at') }))
        .where('organization_projection.occurred_at', '<=', (eb) => eb.ref('excluded.occurred_at')),
    )
    .execute();
}

/** Demo organizations known before any event (the seed); an existing row wins. */
export async function seedOrganization(em: Em, o: { id: string; jurisdiction: string; kinds: readonly string[]; nameZh: string }, at: Date): Promise<void> {
  await db(em)
    .insertInto('organization_projection')
    .values({ id: o.id, jurisdiction: o.jurisdiction, kinds: jsonb([...o.kinds]), name_zh: o.nameZh, occurred_at: instant(at) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Names by id, for the loader behind `DataResource.sourceAgency @provides(fields: "name")`: one statement per page. */
export function organizationNames(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('organization_projection').select(['id', 'name_zh']).where('id', '=', sql<string>`any(${[...ids]}::uuid[])`).execute();
}

export async function organizationById(em: Em, id: string) {
  return (await db(em).selectFrom('organization_projection').select(['jurisdiction', 'kinds']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The full facts of an agreement (signed, activated, renewed); its status only moves forward in time. */
export async function upsertAgreementFacts(em: Em, p: LicensingEvents.AgreementFacts, at: string): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values({ agreement_id: p.agreementId, agreement_number: p.agreementNumber, jurisdiction: p.jurisdiction, status: p.status, resource_ids: jsonb(p.resourceIds ?? []), effective_at: at })
    .onConflict((oc) =>
      oc.column('agreement_id').doUpdateSet((eb) => ({
        agreement_number: eb.ref('excluded.agreement_number'),
        resource_ids: eb.ref('excluded.resource_ids'),
        status: sql<string>`case when agreement_projection.status = any(${ENDED}::text[]) then agreement_projection.status
                                 when agreement_projection.effective_at > excluded.effective_at then agreement_projection.status
                                 else excluded.status end`,
        effective_at: sql<string>`greatest(agreement_projection.effective_at, excluded.effective_at)`,
      })),
    )
    .execute();
}

/** A status change (suspended, reinstated, terminated, expired): an ending always applies, nothing revives an ended one. */
export async function changeAgreementStatus(em: Em, p: LicensingEvents.AgreementStatusChanged, at: string): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values({ agreement_id: p.agreementId, jurisdiction: p.jurisdiction, status: p.status, effective_at: at })
    .onConflict((oc) =>
      oc.column('agreement_id').doUpdateSet({
        status: sql<string>`case when agreement_projection.status = any(${ENDED}::text[]) and not (excluded.status = any(${ENDED}::text[])) then agreement_projection.status
                                 when agreement_projection.effective_at > excluded.effective_at and not (excluded.status = any(${ENDED}::text[])) then agreement_projection.status
                                 else excluded.status end`,
        effective_at: sql<string>`greatest(agreement_projection.effective_at, excluded.effective_at)`,
      }),
    )
    .execute();
}

/** Demo agreements known before any event (the seed); an existing row wins. */
export async function seedAgreement(em: Em, a: { id: string; number: string; jurisdiction: string; status: string; resourceIds: string[] }, effectiveAt: Date): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values({ agreement_id: a.id, agreement_number: a.number, jurisdiction: a.jurisdiction, status: a.status, resource_ids: jsonb(a.resourceIds), effective_at: instant(effectiveAt) })
    .onConflict((oc) => oc.column('agreement_id').doNothing())
    .execute();
}

/** An access grant created, resumed, paused or revoked; the first instant data was provided is kept whatever the order. */
export async function upsertGrant(em: Em, p: { grantId: string; agreementId: string; resourceId: string; status: string; effectiveAt: string }): Promise<void> {
  await db(em)
    .insertInto('access_grant_projection')
    .values({ grant_id: p.grantId, agreement_id: p.agreementId, resource_id: p.resourceId, status: p.status, effective_at: p.effectiveAt, first_granted_at: p.status === 'ACTIVE' ? p.effectiveAt : null })
    .onConflict((oc) =>
      oc.column('grant_id').doUpdateSet({
        status: sql<string>`case when access_grant_projection.effective_at <= excluded.effective_at then excluded.status else access_grant_projection.status end`,
        effective_at: sql<string>`greatest(access_grant_projection.effective_at, excluded.effective_at)`,
        first_granted_at: sql<string | null>`case when excluded.first_granted_at is null then access_grant_projection.first_granted_at
                                else least(coalesce(access_grant_projection.first_granted_at, excluded.first_granted_at), excluded.first_granted_at) end`,
      }),
    )
    .execute();
}

export interface BlockingAgreement {
  agreementId: string;
  agreementNumber: string;
  status: string;
}

/** Agreements in force, or with grants still active, that use the resource (withdrawal is refused while one exists). */
export async function blockingAgreements(em: Em, resourceId: string): Promise<BlockingAgreement[]> {
  const k = db(em);
  const inForce = k
    .selectFrom('agreement_projection')
    .select(['agreement_id as agreementId', 'agreement_number as agreementNumber', 'status'])
    .where('status', 'in', ['SIGNED', 'ACTIVE', 'SUSPENDED'])
    .where(sql<boolean>`resource_ids ? ${resourceId}`);
  const granted = k
    .selectFrom('access_grant_projection as g')
    .leftJoin('agreement_projection as a', 'a.agreement_id', 'g.agreement_id')
    .select(['g.agreement_id as agreementId', sql<string>`coalesce(a.agreement_number, '')`.as('agreementNumber'), sql<string>`coalesce(a.status, 'ACTIVE')`.as('status')])
    .where('g.resource_id', '=', resourceId)
    .where('g.status', '=', 'ACTIVE')
    .where(sql<string>`coalesce(a.status, 'ACTIVE')`, 'not in', ENDED);
  return inForce.union(granted).orderBy('agreementId').execute();
}

/**
 * Resources whose data was provided under an access grant (the earliest AccessGranted, as an Asia/Shanghai day) and
 * that have no first registration at all: the candidates of 应登未登, in the caller's reach (a source unit: its own).
 */
export async function unappliedCandidates(em: Em, identity: Identity, jurisdiction: string | null) {
  let q = db(em)
    .selectFrom('data_resource as r')
    .innerJoin('access_grant_projection as g', 'g.resource_id', 'r.id')
    .select(['r.id as resourceId', 'r.jurisdiction', 'r.source_agency_id as sourceUnitId', sql<string>`to_char(min(g.first_granted_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('providedOn')])
    .where('g.first_granted_at', 'is not', null)
    .where('r.status', '=', 'ACTIVE')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('resource_registration as x').select(sql`1`.as('one')).whereRef('x.resource_id', '=', 'r.id').where('x.type', '=', 'FIRST'))))
    .groupBy('r.id');
  if (jurisdiction) q = q.where('r.jurisdiction', '=', jurisdiction);
  if (identity.role === 'SOURCE_UNIT') q = q.where(sql`r.source_agency_id::text`, '=', identity.org ?? '');
  return q.execute();
}
