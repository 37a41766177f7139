import type { Em } from '@pdo/platform';
import { db } from './tables.js';

/** An emergency plan as evaluation last published it (EmergencyPlanChanged). */
export interface PlanProjectionRow {
  planId: string;
  jurisdiction: string;
  holderOrgId: string;
  holderKind: string;
  agreementId: string | null;
  status: string;
  version: number;
  adoptedOn: string;
  updatedAt: string;
}

/** Keeps the newest state of a plan: a higher version, or a later change of the same version (at least once, any order). */
export async function upsertPlanProjection(em: Em, r: PlanProjectionRow): Promise<void> {
  await db(em)
    .insertInto('emergency_plan_projection')
    .values({
      plan_id: r.planId,
      jurisdiction: r.jurisdiction,
      holder_org_id: r.holderOrgId,
      holder_kind: r.holderKind,
      agreement_id: r.agreementId,
      status: r.status,
      version: r.version,
      adopted_on: r.adoptedOn,
      updated_at: r.updatedAt,
    })
    .onConflict((oc) =>
      oc
        .column('plan_id')
        .doUpdateSet((eb) => ({
          agreement_id: eb.ref('excluded.agreement_id'),
          status: eb.ref('excluded.status'),
          version: eb.ref('excluded.version'),
          adopted_on: eb.ref('excluded.adopted_on'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('emergency_plan_projection.version', '<', eb.ref('excluded.version')),
            eb.and([eb('emergency_plan_projection.version', '=', eb.ref('excluded.version')), eb('emergency_plan_projection.updated_at', '<', eb.ref('excluded.updated_at'))]),
          ]),
        ),
    )
    .execute();
}

/** The plans that name these agreements (any status), one statement for a list. */
export async function plansOfAgreements(em: Em, agreementIds: readonly string[]): Promise<PlanProjectionRow[]> {
  if (!agreementIds.length) return [];
  const rows = await db(em).selectFrom('emergency_plan_projection').selectAll().where('agreement_id', 'in', agreementIds).orderBy('adopted_on').orderBy('plan_id').execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    jurisdiction: r.jurisdiction,
    holderOrgId: r.holder_org_id,
    holderKind: r.holder_kind,
    agreementId: r.agreement_id,
    status: r.status,
    version: r.version,
    adoptedOn: r.adopted_on,
    updatedAt: r.updated_at,
  }));
}
