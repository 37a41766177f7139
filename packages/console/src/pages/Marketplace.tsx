import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useApp } from '../app-context';
import { Link, ListState, Pager, usePager } from '../components/ui';
import { enumLabel } from '../lib/i18n';
import { formatNumber, formatYuan, type Money } from '../lib/format';
import { useLookups } from '../lookups';
import { MARKETPLACE } from '../queries';

type FacetKey = 'jurisdiction' | 'form' | 'category' | 'operator' | 'sector' | 'sourceAgency';
const FACETS: FacetKey[] = ['jurisdiction', 'form', 'category', 'sector', 'operator', 'sourceAgency'];
/** Facet bucket → the marketplace filter field it narrows. */
const FILTER_FIELD: Record<FacetKey, string> = {
  jurisdiction: 'jurisdictions',
  form: 'forms',
  category: 'categories',
  operator: 'operatorIds',
  sector: 'sectors',
  sourceAgency: 'sourceAgencyIds',
};
const SORTS = ['RELEVANCE', 'NEWEST', 'MOST_USED', 'PRICE_ASC', 'PRICE_DESC'] as const;
const PAGE_SIZE = 10;

interface Bucket { value: string; count: number }
export interface ListedProduct {
  id: string;
  code: string;
  name: string;
  description: string;
  form: string;
  category: string;
  chargingUnit: string;
  jurisdiction: string;
  listedAt: string | null;
  sectors: string[];
  operator: { id: string; name: string };
  listingPrice: { chargingUnit: string; free: boolean; price: Money | null; cap: Money | null } | null;
  usageStats: { totalUnits: string; activeAgreements: number; developers: number };
}
interface MarketData {
  productMarketplace: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<FacetKey, Bucket[]>;
    edges: Array<{ node: ListedProduct }>;
  };
}

export function priceText(lang: 'zh' | 'en', p: ListedProduct['listingPrice'], t: (k: 'product.free' | 'product.priceUnset') => string): string {
  if (!p) return t('product.priceUnset');
  if (p.free) return t('product.free');
  if (!p.price) return t('product.priceUnset');
  return `${formatYuan(p.price)} / ${enumLabel(lang, p.chargingUnit)}`;
}

export function Marketplace() {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<(typeof SORTS)[number] | ''>('');
  const [selected, setSelected] = useState<Partial<Record<FacetKey, string[]>>>({});
  const pager = usePager();

  const filter: Record<string, string[]> = {};
  for (const k of FACETS) if (selected[k]?.length) filter[FILTER_FIELD[k]] = selected[k]!;
  const [{ data, fetching, error }, refetch] = useQuery<MarketData>({
    query: MARKETPLACE,
    variables: { search: search || null, filter, sort: sort || null, first: PAGE_SIZE, after: pager.after },
  });
  const page = data?.productMarketplace;

  const onSearch = (ev: FormEvent) => {
    ev.preventDefault();
    setSearch(draft.trim());
    pager.reset();
  };
  const toggle = (k: FacetKey, v: string) => {
    setSelected((s) => {
      const cur = s[k] ?? [];
      return { ...s, [k]: cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v] };
    });
    pager.reset();
  };
  const label = (k: FacetKey, v: string) =>
    k === 'operator' || k === 'sourceAgency' ? names.org(v) : k === 'sector' ? names.sector(v) : e(v);
  const anySelected = FACETS.some((k) => selected[k]?.length);

  return (
    <div className="market">
      <form className="searchbar" role="search" onSubmit={onSearch}>
        <input
          type="search"
          name="q"
          value={draft}
          placeholder={t('market.search')}
          aria-label={t('market.search')}
          onChange={(ev) => setDraft(ev.target.value)}
        />
        <button className="btn primary" type="submit">
          {t('market.go')}
        </button>
        <label className="sort">
          {t('market.sort')}{' '}
          <select
            name="sort"
            value={sort}
            onChange={(ev) => {
              setSort(ev.target.value as typeof sort);
              pager.reset();
            }}
          >
            <option value="">—</option>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {e(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="market-body">
        <aside className="facets" aria-label={t('market.filters')}>
          {FACETS.map((k) => {
            const buckets = page?.facets[k] ?? [];
            if (!buckets.length) return null;
            return (
              <fieldset key={k} className="facet" data-facet={k}>
                <legend>{t(`facet.${k}`)}</legend>
                {buckets.map((b) => (
                  <label key={b.value} className="facet-item">
                    <input type="checkbox" checked={selected[k]?.includes(b.value) ?? false} onChange={() => toggle(k, b.value)} />
                    <span>{label(k, b.value)}</span>
                    <span className="count">{b.count}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          {anySelected ? (
            <button
              type="button"
              className="btn small"
              onClick={() => {
                setSelected({});
                pager.reset();
              }}
            >
              {t('market.clear')}
            </button>
          ) : null}
        </aside>
        <div className="results">
          {page ? <p className="muted results-count">{t('market.results', { n: page.totalCount })}</p> : null}
          <ListState fetching={fetching} error={error} empty={!page?.edges.length} onRetry={() => refetch({ requestPolicy: 'network-only' })} emptyText={t('market.noResults')}>
            <ul className="product-list">
              {page?.edges.map(({ node: p }) => (
                <li key={p.id} className="product-card">
                  <div className="product-card-head">
                    <Link to={`/product/${p.id}`} className="product-name">
                      {p.name}
                    </Link>
                    <span className="badge info">{e(p.form)}</span>
                    <span className="badge">{e(p.jurisdiction)}</span>
                  </div>
                  <p className="desc">{p.description}</p>
                  <div className="meta">
                    <span>{p.operator.name}</span>
                    <span className="price">{priceText(lang, p.listingPrice, t)}</span>
                    <span className="muted">
                      {t('product.usageStats', { units: formatNumber(p.usageStats.totalUnits), agreements: p.usageStats.activeAgreements, devs: p.usageStats.developers })}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
            <Pager pager={pager} pageInfo={page?.pageInfo} totalCount={page?.totalCount} />
          </ListState>
        </div>
      </div>
    </div>
  );
}
