/**
 * What a settlement run's lines add up to. A line is the charges of one product and developer (and, for late charges,
 * the settled period they are carried from) summed by the database in one pass over `charge`; every other figure of
 * the run — each product's revenue for the split, the late charges carried, what each developer owes the ledger — is
 * a sum of lines, taken here from the lines in hand rather than by reading back the rows the run has just written.
 * Amounts are integer fen as decimal strings (bigint in the database), summed exactly with BigInt.
 */
export interface RunLine {
  product_id: string;
  developer_id: string;
  carried_from: string | null;
  revenue_fen: string;
  charge_count: string;
  units: string;
}

export interface ProductTotal {
  product_id: string;
  revenue: string;
  n: string;
  units: string;
}

export interface RunTotals {
  /** Per product, in product id order (the order the split and its shares follow). */
  products: ProductTotal[];
  /** Late charges carried from settled periods. */
  carried: { fen: string; n: string };
  /** What each developer owes for the run, those with something to pay, in developer id order. */
  debits: { developer_id: string; fen: string }[];
  totalFen: bigint;
  chargeCount: bigint;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function runTotalsOf(lines: readonly RunLine[]): RunTotals {
  const products = new Map<string, { fen: bigint; n: bigint; units: bigint }>();
  const developers = new Map<string, bigint>();
  let carriedFen = 0n;
  let carriedN = 0n;
  let totalFen = 0n;
  let chargeCount = 0n;
  for (const l of lines) {
    const fen = BigInt(l.revenue_fen);
    const n = BigInt(l.charge_count);
    const p = products.get(l.product_id);
    if (p) {
      p.fen += fen;
      p.n += n;
      p.units += BigInt(l.units);
    } else products.set(l.product_id, { fen, n, units: BigInt(l.units) });
    developers.set(l.developer_id, (developers.get(l.developer_id) ?? 0n) + fen);
    if (l.carried_from !== null) {
      carriedFen += fen;
      carriedN += n;
    }
    totalFen += fen;
    chargeCount += n;
  }
  return {
    products: [...products.keys()].sort(byId).map((id) => {
      const p = products.get(id)!;
      return { product_id: id, revenue: p.fen.toString(), n: p.n.toString(), units: p.units.toString() };
    }),
    carried: { fen: carriedFen.toString(), n: carriedN.toString() },
    debits: [...developers.entries()].filter(([, fen]) => fen > 0n).sort(([a], [b]) => byId(a, b)).map(([id, fen]) => ({ developer_id: id, fen: fen.toString() })),
    totalFen,
    chargeCount,
  };
}
