import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useApp } from '../app-context';
import { Link, ListState, Pager } from '../components/ui';
import { enumLabel } from '../lib/i18n';
import { formatNumber, formatYuan, type Money } from '../lib/format';
import { FACETS, readMarketParams, SORTS, toggleFacet, writeMarketParams, type FacetKey, type MarketState } from '../lib/market-params';
import { navigate, useRoute } from '../lib/router';
import { useLookups } from '../lookups';
import { MARKETPLACE } from '../queries';

/** Facet bucket → the marketplace filter field it narrows. */
const FILTER_FIELD: Record<FacetKey, string> = {
  jurisdiction: 'jurisdictions',
  form: 'forms',
  category: 'categories',
  operator: 'operatorIds',
  sector: 'sectors',
  sourceAgency: 'sourceAgencyIds',
};
const PAGE_SIZE = 10;

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

export function priceText(lang: 'zh' | 'en', p: ListedProduct['listingPrice'], t: (k: 'product.free' | 'product.priceUnset') => string): string {
  if (!p) return t('product.priceUnset');
  if (p.free) return t('product.free');
  if (!p.price) return t('product.priceUnset');
  return `${formatYuan(p.price, { lang })} / ${enumLabel(lang, p.chargingUnit)}`;
}

/** Earlier pages' cursors, kept in history.state so Previous works after Back/Forward (not in the URL). */
interface HistoryCursors { cursors?: Array<string | null> }

export function Marketplace() {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const route = useRoute();
  const state: MarketState = readMarketParams(route.page === 'market' ? route.params.toString() : '');
  const { q: search, sort, selected } = state;
  const [draft, setDraft] = useState(search);
  // The box follows the URL (Back to an earlier search shows its words).
  useEffect(() => setDraft(search), [search]);
  const go = (next: MarketState, cursors: Array<string | null> = []) => navigate(`/${writeMarketParams(next)}`, false, { cursors } satisfies HistoryCursors, false);
  const pager = {
    after: state.after,
    page: state.page,
    next: (cursor: string | null | undefined) => {
      if (!cursor) return;
      const cursors = [...(((history.state as HistoryCursors | null)?.cursors) ?? []), state.after];
      go({ ...state, after: cursor, page: state.page + 1 }, cursors);
    },
    prev: () => {
      const cursors = [...(((history.state as HistoryCursors | null)?.cursors) ?? [])];
      const before = cursors.pop() ?? null;
      // Opened from a shared link on page N: no earlier cursors here, so Previous starts over.
      go({ ...state, after: before, page: before ? Math.max(1, state.page - 1) : 1 }, cursors);
    },
    reset: () => go({ ...state, after: null, page: 1 }),
  };

  const filter: Record<string, string[]> = {};
  for (const k of FACETS) if (selected[k]?.length) filter[FILTER_FIELD[k]] = selected[k]!;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MARKETPLACE,
    variables: { search: search || null, filter, sort: sort || null, first: PAGE_SIZE, after: state.after },
  });
  const page = data?.productMarketplace;

  const onSearch = (ev: FormEvent) => {
    ev.preventDefault();
    go({ ...state, q: draft.trim(), after: null, page: 1 });
  };
  const toggle = (k: FacetKey, v: string) => go(toggleFacet(state, k, v));
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
            onChange={(ev) => go({ ...state, sort: ev.target.value as typeof sort, after: null, page: 1 })}
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
              onClick={() => go({ ...state, selected: {}, after: null, page: 1 })}
            >
              {t('market.clear')}
            </button>
          ) : null}
        </aside>
        <div className="results">
          {page ? <p className="muted results-count">{t('market.results', { n: formatNumber(page.totalCount, lang) })}</p> : null}
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
                      {t('product.usageStats', { units: formatNumber(p.usageStats.totalUnits, lang), agreements: formatNumber(p.usageStats.activeAgreements, lang), devs: formatNumber(p.usageStats.developers, lang) })}
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
