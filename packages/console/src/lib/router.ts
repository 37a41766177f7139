/** A tiny history router under /console/ (the gateway answers every such path with index.html). */
import { useEffect, useState } from 'react';

export const BASE = '/console';

export type Route =
  | { page: 'market'; params: URLSearchParams }
  | { page: 'product'; id: string }
  | { page: 'mine' }
  | { page: 'operator' }
  | { page: 'finance' }
  | { page: 'regulator' }
  | { page: 'source' }
  | { page: 'party' }
  | { page: 'pricing' }
  | { page: 'industry' }
  | { page: 'apply' }
  | { page: 'signin' };

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'product':
      if (parts[1]) return { page: 'product', id: decodeURIComponent(parts[1]) };
      break;
    case 'mine':
    case 'operator':
    case 'finance':
    case 'regulator':
    case 'source':
    case 'party':
    case 'pricing':
    case 'industry':
    case 'apply':
    case 'signin':
      return { page: parts[0] };
  }
  return { page: 'market', params: new URLSearchParams(search) };
}

/** Goes to `to` (under /console); `state` rides along in history (the marketplace keeps its earlier page cursors there). */
export function navigate(to: string, replace = false, state: unknown = null, scroll = !replace): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to.startsWith('/') ? '' : '/'}${to}`;
  if (replace) history.replaceState(state, '', url);
  else history.pushState(state, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
  if (scroll) window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [loc, setLoc] = useState(() => ({ p: location.pathname, s: location.search }));
  useEffect(() => {
    const on = () => setLoc({ p: location.pathname, s: location.search });
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return parseRoute(loc.p, loc.s);
}
