import type { SubgraphDefinition } from '@pdo/platform';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition as revenue } from '@pdo/revenue';
import { definition as evaluation } from '@pdo/evaluation';
import { definition as delivery } from '@pdo/delivery';

/** Every subgraph, in the order the migration step migrates them (the same as `pnpm start`). */
export const SUBGRAPH_DEFINITIONS: readonly SubgraphDefinition<any>[] = [catalog, licensing, products, revenue, evaluation, delivery];
