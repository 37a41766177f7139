import { forbidden, inScope, notFound, policyViolation, sql, sqlOne, type Identity, type RequestContext } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PRODUCT_COLS, type ProductRow } from '../data/rows.js';
import { productTarget, PRODUCTS_SCOPE } from './scope.js';

export const todayOf = (ctx: RequestContext<any>) => toShanghaiDate(ctx.now);

/** Caller must act for an organization (tokens of organization roles carry one). */
export function orgOf(identity: Identity): string {
  if (!identity.org) throw forbidden('需要以单位身份操作', 'You must act for an organization');
  return identity.org;
}

export async function lockProduct(tx: EntityManager, id: string): Promise<ProductRow> {
  const row = await sqlOne<ProductRow>(tx, `select ${PRODUCT_COLS} from data_product p where p.id = $1 for update`, [id]);
  if (!row) throw notFound('数据产品', 'Data product', id);
  return row;
}

export interface AgreementView {
  id: string;
  status: string;
  operatorId: string;
  jurisdiction: string;
  startDate: string | null;
  endDate: string;
}

export async function agreementView(tx: EntityManager, id: string): Promise<AgreementView | null> {
  return sqlOne<AgreementView>(
    tx,
    `select id, status, operator_id as "operatorId", jurisdiction, start_date::text as "startDate", end_date::text as "endDate" from agreement_view where id = $1`,
    [id],
  );
}

/** Operations need an authorization in force today (HN Art 7; licensing owns the agreement). */
export function requireActiveAgreement(a: AgreementView | null, today: string, agreementId: string): AgreementView {
  if (!a) throw policyViolation('HN Art 7', '未找到授权协议（尚未收到授权信息）', 'No authorization agreement is known for this product', { details: { agreementId } });
  if (a.status !== 'ACTIVE' || today > a.endDate || (a.startDate && today < a.startDate)) {
    throw policyViolation('HN Art 7', `授权协议不在有效期内（状态：${a.status}）`, `The authorization agreement is not in force (status ${a.status})`, { details: { agreementId, status: a.status, endDate: a.endDate } });
  }
  return a;
}

/** Who may see a product that is not on the public market: its operator, the agency and the authority of its jurisdiction. */
export function canSeeUnlisted(identity: Identity, p: { operatorId: string; jurisdiction: string }): boolean {
  return inScope(identity, productTarget(p), PRODUCTS_SCOPE);
}

export async function nextProductCode(tx: EntityManager, jurisdiction: string): Promise<string> {
  const [r] = await sql<{ n: number }>(tx, `select count(*)::int + 1 as n from data_product where jurisdiction = $1`, [jurisdiction]);
  return `${jurisdiction}-CP-${String(r!.n).padStart(4, '0')}`;
}
