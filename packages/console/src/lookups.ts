import { useMemo } from 'react';
import { useQuery } from 'urql';
import { LOOKUPS } from './queries';
import type { Lang } from './lib/i18n';


/** id → display name for organizations and sector codes (one query, cached for the session). */
export function useLookups(lang: Lang) {
  const [{ data }] = useQuery({ query: LOOKUPS, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const orgs = new Map<string, string>();
    for (const { node } of data?.organizations.edges ?? []) orgs.set(node.id, lang === 'en' && node.nameEn ? node.nameEn : node.name);
    const sectors = new Map<string, string>();
    // Facets carry sector codes in lower case; the taxonomy enum is upper case.
    for (const s of data?.catalogSectors ?? []) sectors.set(s.code.toLowerCase(), s.nameZh);
    return {
      org: (id: string | null | undefined) => (id ? orgs.get(id) ?? id.slice(0, 8) : '—'),
      sector: (code: string) => (lang === 'zh' ? sectors.get(code.toLowerCase()) ?? code : code.toLowerCase().replace(/_/g, ' ')),
    };
  }, [data, lang]);
}
