import type { Em } from '@pdo/platform';
import { searchSourceOf, writeSearchIndex } from '../data/search-index.js';
import { searchGrams } from '../domain/rules.js';

/** Refreshes the search text, grams and facets of a product from its listed (or latest) version. */
export async function indexProduct(em: Em, productId: string): Promise<void> {
  const s = await searchSourceOf(em, productId);
  if (!s) return;
  const text = [s.name, s.description, s.scenario ?? '', ...s.resourceNames].join(' ');
  await writeSearchIndex(em, productId, s.resourceIds, text, searchGrams(text));
}
