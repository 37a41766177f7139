import { type Em } from '@pdo/platform';
import { lockProduct } from '../data/products.js';
import { agreementFacts } from '../data/projections.js';
import type { AgreementFacts, ProductRow } from '../data/rows.js';
import { agreementNotInForce } from '../domain/product-rules.js';
import { check, found } from './refusal.js';

/** Steps the use cases share, inside their transaction (`em` is the unit of work's). */

/** The product, locked for the rest of the transaction; NOT_FOUND when there is none. */
export async function lockedProduct(em: Em, id: string): Promise<ProductRow> {
  return found(await lockProduct(em, id), '数据产品', 'Data product', id);
}

/** The authorization agreement the product operates under, in force today (HN Art 7), or the refusal. */
export async function agreementInForce(em: Em, agreementId: string, today: string): Promise<AgreementFacts> {
  const a = await agreementFacts(em, agreementId);
  check(agreementNotInForce(a, today, agreementId));
  return a!;
}
