import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Client, Provider, cacheExchange, fetchExchange } from 'urql';
import { enumLabel, initialLang, translate, type Lang, type MessageKey } from './lib/i18n';
import { decodeToken, isExpired, loadToken, saveToken, type SessionClaims } from './lib/session';

export const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL ?? '/graphql';

interface AppState {
  lang: Lang;
  setLang(l: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  e(value: string | null | undefined): string;
  token: string | null;
  claims: SessionClaims | null;
  signIn(token: string, displayName?: string): boolean;
  signOut(): void;
  displayName: string | null;
}

const Ctx = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}

function makeClient(token: string | null): Client {
  return new Client({
    url: GRAPHQL_URL,
    // Document cache: a mutation invalidates cached queries that returned the same __typename.
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>) }),
  });
}

function validToken(t: string | null): string | null {
  if (!t) return null;
  const c = decodeToken(t);
  return c && !isExpired(c) ? t : null;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang(localStorage.getItem('pdo.console.lang')));
  // The page's language follows the choice, also when it was remembered from an earlier visit.
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const [token, setToken] = useState<string | null>(() => validToken(loadToken()));
  const [displayName, setDisplayName] = useState<string | null>(() => sessionStorage.getItem('pdo.console.name'));
  // A new client per identity: nothing cached for one user is ever shown to the next.
  const client = useMemo(() => makeClient(token), [token]);
  const claims = useMemo(() => (token ? decodeToken(token) : null), [token]);
  const state = useMemo<AppState>(
    () => ({
      lang,
      setLang(l) {
        localStorage.setItem('pdo.console.lang', l);
        setLangState(l);
      },
      t: (key, vars) => translate(lang, key, vars),
      e: (value) => enumLabel(lang, value),
      token,
      claims,
      displayName,
      signIn(next, name) {
        const c = decodeToken(next);
        if (!c || isExpired(c)) return false;
        saveToken(next.trim());
        const shown = name ?? c.name ?? null;
        if (shown) sessionStorage.setItem('pdo.console.name', shown);
        else sessionStorage.removeItem('pdo.console.name');
        setDisplayName(shown);
        setToken(next.trim());
        return true;
      },
      signOut() {
        saveToken(null);
        sessionStorage.removeItem('pdo.console.name');
        setDisplayName(null);
        setToken(null);
      },
    }),
    [lang, token, claims, displayName],
  );
  return (
    <Ctx.Provider value={state}>
      <Provider value={client}>{children}</Provider>
    </Ctx.Provider>
  );
}
