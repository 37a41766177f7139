import type { Share } from '../domain/allocation.js';

/**
 * A run's revenue shares, kept as the columns the `revenue_share` insert takes: a quarter has tens
 * of thousands of shares, and one object per share (then mapped to each column) was most of the
 * garbage a run made. Basis texts repeat across products (a plan's weights, a source unit's pool
 * share), so each is kept once and referred to by its 1-based index.
 */
export class ShareColumns {
  readonly productId: string[] = [];
  readonly kind: Share['kind'][] = [];
  readonly partyId: string[] = [];
  readonly ordinal: number[] = [];
  readonly weight: string[] = [];
  readonly amountFen: string[] = [];
  readonly basisIndex: number[] = [];
  readonly bases: string[] = [];
  private readonly basisAt = new Map<string, number>();

  get length(): number {
    return this.productId.length;
  }

  push(productId: string, s: Omit<Share, 'amountFen'>, amountFen: bigint): void {
    let b = this.basisAt.get(s.basis);
    if (b === undefined) this.basisAt.set(s.basis, (b = this.bases.push(s.basis)));
    this.productId.push(productId);
    this.kind.push(s.kind);
    this.partyId.push(s.partyId);
    this.ordinal.push(s.ordinal);
    this.weight.push(s.weight);
    this.amountFen.push(amountFen.toString());
    this.basisIndex.push(b);
  }

  /** Shares [from, to) as the insert's parameters: product, kind, party, ordinal, weight, fen, basis index, then every basis text. */
  columns(from: number, to: number): [string[], string[], string[], number[], string[], string[], number[], string[]] {
    return [
      this.productId.slice(from, to),
      this.kind.slice(from, to),
      this.partyId.slice(from, to),
      this.ordinal.slice(from, to),
      this.weight.slice(from, to),
      this.amountFen.slice(from, to),
      this.basisIndex.slice(from, to),
      this.bases,
    ];
  }

  /** The shares with money in them (what the SettlementCompleted event carries). */
  *nonZero(): Generator<{ productId: string; partyId: string; partyKind: Share['kind']; amountFen: string }> {
    for (let i = 0; i < this.length; i++) {
      if (this.amountFen[i] !== '0') yield { productId: this.productId[i]!, partyId: this.partyId[i]!, partyKind: this.kind[i]!, amountFen: this.amountFen[i]! };
    }
  }
}
