import type { Em } from '@pdo/platform';
import { db } from './tables.js';

/**
 * Revenue's local copies of other subgraphs' facts. Every write is an upsert that tolerates re-delivery and
 * out-of-order arrival: a fact older than the one held is ignored.
 */
export interface ProductFactsRow {
  id: string;
  jurisdiction: string;
  operator_id: string;
  agreement_id: string;
  code: string;
  name_zh: string;
  category: 'FREE' | 'PAID';
  status: string;
  version: number;
  as_of: string;
}

/** True when the product's facts were written (newer than, or as new as, those held). */
export async function upsertProduct(em: Em, p: ProductFactsRow): Promise<boolean> {
  const rows = await db(em)
    .insertInto('product_projection')
    .values(p)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          operator_id: eb.ref('excluded.operator_id'),
          agreement_id: eb.ref('excluded.agreement_id'),
          code: eb.ref('excluded.code'),
          name_zh: eb.ref('excluded.name_zh'),
          category: eb.ref('excluded.category'),
          status: eb.ref('excluded.status'),
          version: eb.ref('excluded.version'),
          as_of: eb.ref('excluded.as_of'),
        }))
        .where((eb) => eb.or([eb('product_projection.version', '<', eb.ref('excluded.version')), eb.and([eb('product_projection.version', '=', eb.ref('excluded.version')), eb('product_projection.as_of', '<=', eb.ref('excluded.as_of'))])])),
    )
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** The product's resources and their source units, replaced as a whole (in the product's order). */
export async function replaceResources(em: Em, productId: string, resources: { resourceId: string; sourceUnitId: string }[]): Promise<void> {
  const k = db(em);
  await k.deleteFrom('product_resource_projection').where('product_id', '=', productId).execute();
  if (resources.length === 0) return;
  await k
    .insertInto('product_resource_projection')
    .values(resources.map((r, i) => ({ product_id: productId, resource_id: r.resourceId, source_unit_id: r.sourceUnitId, ordinal: i + 1 })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function setProductStatus(em: Em, productId: string, status: string, at: string): Promise<void> {
  await db(em).updateTable('product_projection').set({ status, as_of: at }).where('id', '=', productId).where('as_of', '<=', at).execute();
}

export async function upsertAgreement(em: Em, a: { id: string; jurisdiction: string; operator_id: string; agreement_number: string | null; status: string; start_date: string | null; end_date: string | null; as_of: string }): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values(a)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          end_date: eb.ref('excluded.end_date'),
          as_of: eb.ref('excluded.as_of'),
          agreement_number: eb.fn.coalesce('excluded.agreement_number', 'agreement_projection.agreement_number'),
          start_date: eb.fn.coalesce('excluded.start_date', 'agreement_projection.start_date'),
        }))
        .where('agreement_projection.as_of', '<=', (eb) => eb.ref('excluded.as_of')),
    )
    .execute();
}

export async function usageAgreementSigned(em: Em, u: { id: string; product_id: string; developer_id: string; operator_id: string; jurisdiction: string; start_date: string; end_date: string; category: string; as_of: string }): Promise<void> {
  await db(em)
    .insertInto('usage_agreement_projection')
    .values({ ...u, status: 'ACTIVE' })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ start_date: eb.ref('excluded.start_date'), end_date: eb.ref('excluded.end_date'), as_of: eb.ref('excluded.as_of') }))
        .where((eb) => eb.and([eb('usage_agreement_projection.as_of', '<=', eb.ref('excluded.as_of')), eb('usage_agreement_projection.status', '=', 'ACTIVE')])),
    )
    .execute();
}

export async function usageAgreementEnded(em: Em, u: { id: string; product_id: string; developer_id: string; jurisdiction: string; as_of: string }): Promise<void> {
  await db(em)
    .insertInto('usage_agreement_projection')
    .values({ ...u, status: 'ENDED' })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ status: 'ENDED', as_of: eb.fn('greatest', [eb.ref('usage_agreement_projection.as_of'), eb.ref('excluded.as_of')]) })))
    .execute();
}

export async function upsertOrganization(em: Em, o: { id: string; jurisdiction: string | null; name_zh: string; kinds: string[] }, onlyNew = false): Promise<void> {
  await db(em)
    .insertInto('org_projection')
    .values(o)
    .onConflict((oc) => (onlyNew ? oc.doNothing() : oc.column('id').doUpdateSet((eb) => ({ jurisdiction: eb.ref('excluded.jurisdiction'), name_zh: eb.ref('excluded.name_zh'), kinds: eb.ref('excluded.kinds') }))))
    .execute();
}

export async function insertContributionScores(em: Em, c: { assessmentId: string; jurisdiction: string; periodStart: string; periodEnd: string; receivedAt: string; scores: { sourceUnitId: string; score: string }[] }): Promise<void> {
  if (c.scores.length === 0) return;
  await db(em)
    .insertInto('contribution_score_projection')
    .values(c.scores.map((s) => ({ assessment_id: c.assessmentId, jurisdiction: c.jurisdiction, period_start: c.periodStart, period_end: c.periodEnd, source_unit_id: s.sourceUnitId, score: s.score, received_at: c.receivedAt })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Demo seed: a usage agreement as signed, kept if already there. */
export async function seedUsageAgreement(em: Em, u: { id: string; product_id: string; developer_id: string; operator_id: string; jurisdiction: string; start_date: string; end_date: string; category: string; as_of: string }): Promise<void> {
  await db(em).insertInto('usage_agreement_projection').values({ ...u, status: 'ACTIVE' }).onConflict((oc) => oc.doNothing()).execute();
}

/** Demo seed: the projections as written, kept if already there. */
export async function seedProduct(em: Em, p: ProductFactsRow): Promise<void> {
  await db(em).insertInto('product_projection').values(p).onConflict((oc) => oc.doNothing()).execute();
}
export async function seedAgreement(em: Em, a: { id: string; jurisdiction: string; operator_id: string; agreement_number: string | null; status: string; start_date: string | null; end_date: string | null; as_of: string }): Promise<void> {
  await db(em).insertInto('agreement_projection').values(a).onConflict((oc) => oc.doNothing()).execute();
}
