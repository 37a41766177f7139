/** Payloads of events revenue publishes (owner: revenue). Money as integer-fen strings. */
export interface PriceCapSet { capId: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; capFen: string; effectiveFrom: string }
export interface PriceSet { priceId: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; priceFen: string; effectiveFrom: string }

export type SharePartyKind = 'SOURCE_AGENCY' | 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION';

/**
 * Version 2. A quarter of a busy jurisdiction has thousands of products and four or more shares
 * each; as one object per share (version 1) the event grew to ~2 MB of repeated keys and ids, and
 * writing it was a tenth of the run. The shares are now a table: each product and party is listed
 * once and a share refers to them by index.
 */
export interface SettlementCompleted {
  settlementId: string;
  jurisdiction: string;
  periodStart: string;
  periodEnd: string;
  totalFen: string;
  /** Products with at least one non-zero share. */
  products: string[];
  /** Parties with at least one non-zero share. */
  parties: { partyId: string; partyKind: SharePartyKind }[];
  /**
   * The non-zero shares as three columns of equal length: share i is `amountFen[i]` fen owed to
   * `parties[party[i]]` for `products[product[i]]`. Columns rather than one small array per share:
   * the event is stored as JSONB, and 16,000 nested arrays took PostgreSQL a third longer to store.
   */
  shares: { product: number[]; party: number[]; amountFen: string[] };
}

/** Version 1 (still read: events queued before an upgrade are delivered afterwards). */
export interface SettlementCompletedV1 {
  settlementId: string;
  jurisdiction: string;
  periodStart: string;
  periodEnd: string;
  totalFen: string;
  shares: { partyId: string; partyKind: SharePartyKind; productId: string; amountFen: string }[];
}

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
