import { SUPERVISOR_ROLES, type ScopeColumns, type ScopeTarget } from '@pdo/platform';

/**
 * Products' use of the platform's scope (packages/platform/src/access/scope.ts): the authority and
 * the implementing agency see their jurisdiction's products, agreements, applications and usage;
 * an operator its own products and their usage; a developer its own applications, agreements and
 * usage; the public listed products only.
 */
export const PRODUCTS_OFFICIALS = SUPERVISOR_ROLES;
export const PRODUCTS_SCOPE = { officials: PRODUCTS_OFFICIALS } as const;

/** A product beyond the public market: its operator and the supervisors of its jurisdiction. */
export const PRODUCT_SCOPE_COLUMNS: ScopeColumns = { jurisdiction: 'p.jurisdiction', orgs: ['p.operator_id'] };
export const productTarget = (p: { jurisdiction: string; operatorId: string }): ScopeTarget => ({ jurisdiction: p.jurisdiction, orgIds: [p.operatorId] });

/** Usage applications, agreements and records: both parties and the supervisors of the jurisdiction. */
export const usageColumns = (alias: string): ScopeColumns => ({ jurisdiction: `${alias}.jurisdiction`, orgs: [`${alias}.developer_id`, `${alias}.operator_id`] });
export const usageTarget = (u: { jurisdiction: string; developerId: string; operatorId: string }): ScopeTarget => ({ jurisdiction: u.jurisdiction, orgIds: [u.developerId, u.operatorId] });
