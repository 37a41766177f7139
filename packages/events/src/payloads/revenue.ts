/** Payloads of events revenue publishes (owner: revenue). Money as integer-fen strings. */
import { z } from 'zod';
import { fen, id, jurisdiction, localDate } from './common.js';

export const PriceCapSetSchema = z.object({ capId: id, productId: id, operatorId: id, jurisdiction, chargingUnit: z.string().min(1), capFen: fen, effectiveFrom: localDate });
export type PriceCapSet = z.infer<typeof PriceCapSetSchema>;
export const PriceSetSchema = z.object({ priceId: id, productId: id, operatorId: id, jurisdiction, chargingUnit: z.string().min(1), priceFen: fen, effectiveFrom: localDate });
export type PriceSet = z.infer<typeof PriceSetSchema>;

export const SharePartyKindSchema = z.enum(['SOURCE_AGENCY', 'OPERATOR', 'SERVICE_PROVIDER', 'JURISDICTION']);
export type SharePartyKind = z.infer<typeof SharePartyKindSchema>;

const index = z.number().int().nonnegative();

/**
 * Version 2. A quarter of a busy jurisdiction has thousands of products and four or more shares
 * each; as one object per share (version 1) the event grew to ~2 MB of repeated keys and ids, and
 * writing it was a tenth of the run. The shares are now a table: each product and party is listed
 * once and a share refers to them by index.
 */
export const SettlementCompletedSchema = z
  .object({
    settlementId: id,
    jurisdiction,
    periodStart: localDate,
    periodEnd: localDate,
    totalFen: fen,
    /** Products with at least one non-zero share. */
    products: z.array(id),
    /** Parties with at least one non-zero share. */
    parties: z.array(z.object({ partyId: id, partyKind: SharePartyKindSchema })),
    /**
     * The non-zero shares as three columns of equal length: share i is `amountFen[i]` fen owed to
     * `parties[party[i]]` for `products[product[i]]`. Columns rather than one small array per share:
     * the event is stored as JSONB, and 16,000 nested arrays took PostgreSQL a third longer to store.
     */
    shares: z.object({ product: z.array(index), party: z.array(index), amountFen: z.array(fen) }),
  })
  .superRefine((p, ctx) => {
    const { product, party, amountFen } = p.shares;
    if (product.length !== party.length || party.length !== amountFen.length) ctx.addIssue({ code: 'custom', path: ['shares'], message: 'share columns of different lengths' });
    if (product.some((i) => i >= p.products.length) || party.some((i) => i >= p.parties.length)) ctx.addIssue({ code: 'custom', path: ['shares'], message: 'a share refers to a missing product or party' });
  });
export type SettlementCompleted = z.infer<typeof SettlementCompletedSchema>;

/** Version 1 (still read: events queued before an upgrade are delivered afterwards). */
export const SettlementCompletedV1Schema = z.object({
  settlementId: id,
  jurisdiction,
  periodStart: localDate,
  periodEnd: localDate,
  totalFen: fen,
  shares: z.array(z.object({ partyId: id, partyKind: SharePartyKindSchema, productId: id, amountFen: fen })),
});
export type SettlementCompletedV1 = z.infer<typeof SettlementCompletedV1Schema>;

export interface SettlementShareColumns {
  partyId: string[];
  partyKind: SharePartyKind[];
  productId: string[];
  amountFen: string[];
}

/** The shares of either version as columns (what an `unnest` insert takes). */
export function settlementShareColumns(p: SettlementCompleted | SettlementCompletedV1): SettlementShareColumns {
  const out: SettlementShareColumns = { partyId: [], partyKind: [], productId: [], amountFen: [] };
  if ('products' in p) {
    const { product, party, amountFen } = p.shares;
    if (product.length !== party.length || party.length !== amountFen.length) throw new Error(`SettlementCompleted ${p.settlementId}: share columns of different lengths`);
    for (let i = 0; i < amountFen.length; i++) {
      const who = p.parties[party[i]!];
      const what = p.products[product[i]!];
      if (!who || what === undefined) throw new Error(`SettlementCompleted ${p.settlementId}: share refers to a missing product or party`);
      out.partyId.push(who.partyId);
      out.partyKind.push(who.partyKind);
      out.productId.push(what);
      out.amountFen.push(amountFen[i]!);
    }
  } else {
    for (const s of p.shares) {
      out.partyId.push(s.partyId);
      out.partyKind.push(s.partyKind);
      out.productId.push(s.productId);
      out.amountFen.push(s.amountFen);
    }
  }
  return out;
}

/** Builds the version-2 share table from shares in any order. */
export function settlementShareTable(shares: Iterable<{ productId: string; partyId: string; partyKind: SharePartyKind; amountFen: string }>): Pick<SettlementCompleted, 'products' | 'parties' | 'shares'> {
  const products: string[] = [];
  const parties: SettlementCompleted['parties'] = [];
  const productIndex = new Map<string, number>();
  const partyIndex = new Map<string, number>();
  const rows: SettlementCompleted['shares'] = { product: [], party: [], amountFen: [] };
  for (const s of shares) {
    let i = productIndex.get(s.productId);
    if (i === undefined) productIndex.set(s.productId, (i = products.push(s.productId) - 1));
    const key = `${s.partyKind}:${s.partyId}`;
    let j = partyIndex.get(key);
    if (j === undefined) partyIndex.set(key, (j = parties.push({ partyId: s.partyId, partyKind: s.partyKind }) - 1));
    rows.product.push(i);
    rows.party.push(j);
    rows.amountFen.push(s.amountFen);
  }
  return { products, parties, shares: rows };
}
