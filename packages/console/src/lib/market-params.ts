/**
 * The marketplace's search, facets, sort and page live in the URL (shareable, and Back returns to
 * the previous search): `?q=信用&jurisdiction=HN&form=API&sort=NEWEST&after=<cursor>&page=2`.
 * Pure functions, tested in test/lib.test.ts.
 */
export const FACETS = ['jurisdiction', 'form', 'category', 'sector', 'operator', 'sourceAgency'] as const;
export type FacetKey = (typeof FACETS)[number];
export const SORTS = ['RELEVANCE', 'NEWEST', 'MOST_USED', 'PRICE_ASC', 'PRICE_DESC'] as const;
export type Sort = (typeof SORTS)[number];

export interface MarketState {
  q: string;
  sort: Sort | '';
  selected: Partial<Record<FacetKey, string[]>>;
  /** Cursor of the page shown (null: the first page) and its number, for display. */
  after: string | null;
  page: number;
}

const MAX_VALUES = 50;

export function readMarketParams(search: string): MarketState {
  const p = new URLSearchParams(search);
  const selected: Partial<Record<FacetKey, string[]>> = {};
  for (const k of FACETS) {
    const values = [...new Set(p.getAll(k).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_VALUES);
    if (values.length) selected[k] = values.sort();
  }
  const sort = p.get('sort') ?? '';
  const page = Number(p.get('page'));
  const after = p.get('after') || null;
  return {
    q: (p.get('q') ?? '').trim().slice(0, 100),
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : '',
    selected,
    after,
    page: after && Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The query string of a state ('' for the bare marketplace); facet values sorted, so one search has one URL. */
export function writeMarketParams(s: MarketState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q.trim());
  for (const k of FACETS) for (const v of [...(s.selected[k] ?? [])].sort()) p.append(k, v);
  if (s.sort) p.set('sort', s.sort);
  if (s.after && s.page > 1) {
    p.set('after', s.after);
    p.set('page', String(s.page));
  }
  const out = p.toString();
  return out ? `?${out}` : '';
}

/** Toggles one facet value and goes back to the first page. */
export function toggleFacet(s: MarketState, k: FacetKey, v: string): MarketState {
  const cur = s.selected[k] ?? [];
  const next = cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v].sort();
  const selected = { ...s.selected };
  if (next.length) selected[k] = next;
  else delete selected[k];
  return { ...s, selected, after: null, page: 1 };
}
