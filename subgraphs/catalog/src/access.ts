import { forbidden, inScope, SIGNED_IN_ROLES, SUPERVISOR_ROLES, type AccessRule, type EntityAccessRule, type Identity, type ScopeColumns, type ScopeTarget } from '@pdo/platform';
import type { ResourceRow } from './domain/resource.js';
import type { CorrectionRow } from './domain/correction.js';

/**
 * Who may do what in the catalog: the role gate of every root field and entity type (the platform refuses other
 * roles before the resolver runs), and the object scope rules the services and queries apply on top of it, built
 * on the platform's scope (packages/platform/src/access/scope.ts).
 */

/** The source unit (数源单位) that owns a resource, or the implementing agency (实施机构) of its jurisdiction. */
const MANAGERS = ['SOURCE_UNIT', 'AGENCY'] as const;
const CORRECTION_VIEWERS = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR'] as const;

export const access: Record<string, AccessRule> = {
  // The catalog is public metadata (never data); prohibited/withdrawn rows are scoped per caller.
  dataResource: 'PUBLIC',
  dataResourceByCode: 'PUBLIC',
  catalogSearch: 'PUBLIC',
  dataResources: 'PUBLIC',
  catalogSectors: 'PUBLIC',
  dataResourceVersions: 'PUBLIC',
  dataResourceVersion: 'PUBLIC',
  // Registrations are public acts (public notice, RG Art 12).
  resourceRegistration: 'PUBLIC',
  resourceRegistrations: 'PUBLIC',
  overdueResourceRegistrations: ['AUTHORITY', 'AGENCY'],
  unappliedResourceRegistrations: ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT'],
  correctionRequest: CORRECTION_VIEWERS,
  correctionRequests: CORRECTION_VIEWERS,
  overdueCorrectionRequests: CORRECTION_VIEWERS,
  correctionTimeliness: ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'EXPERT'],
  createDataResource: MANAGERS,
  editDataResource: MANAGERS,
  withdrawDataResource: MANAGERS,
  // Marking data as returned by a higher level decides whether its consent is needed: an official's act.
  correctResourceOrigin: ['AUTHORITY', 'AGENCY'],
  applyResourceRegistration: MANAGERS,
  // Registrar steps need AUTHORITY, holder steps the managers, objections anyone signed in (real name, RG Art 12):
  // the step decides (services/registration-steps.ts, registrationActor).
  transitionResourceRegistration: SIGNED_IN_ROLES,
  raiseCorrectionRequest: ['OPERATOR', 'AGENCY'],
  answerCorrectionRequest: MANAGERS,
};

/**
 * Catalog metadata scope: the AGENCY and the AUTHORITY see their jurisdiction's resources (the NATIONAL ones every
 * jurisdiction's), a source unit its own.
 */
export const CATALOG_SCOPE = { officials: SUPERVISOR_ROLES, national: true } as const;

/** Where a resource (or anything owned like one) belongs: its jurisdiction and its source unit. */
export const resourceTarget = (r: { jurisdiction: string; sourceUnitId: string }): ScopeTarget => ({ jurisdiction: r.jurisdiction, orgIds: [r.sourceUnitId] });

/** Public metadata: not prohibited and not withdrawn. */
export const isPublicResource = (r: { openness: string; status: string }) => r.openness !== 'PROHIBITED' && r.status === 'ACTIVE';

/** Who may resolve a reference to a resource (`_entities`): the same visibility as `dataResource`. */
export const entityAccess: Record<string, EntityAccessRule> = {
  DataResource: { roles: 'PUBLIC', ...CATALOG_SCOPE, scope: (r: ResourceRow) => ({ ...resourceTarget(r), public: isPublicResource(r) }) } satisfies EntityAccessRule<ResourceRow>,
};

/** Prohibited and withdrawn resources show only to their owner, the AGENCY and the AUTHORITY. */
export const canSee = (identity: Identity, r: ResourceRow) => isPublicResource(r) || inScope(identity, resourceTarget(r), CATALOG_SCOPE);

/** The privileged part of `canSee` as columns of `data_resource`, for lists filtered in the database. */
export const RESOURCE_SCOPE_COLUMNS = { jurisdiction: 'jurisdiction', orgs: ['source_agency_id'] } as const satisfies ScopeColumns;

/** The source unit that owns the resource, or the implementing agency of its jurisdiction. */
export function canManage(identity: Identity, r: { jurisdiction: string; sourceUnitId: string }): boolean {
  if (identity.role === 'SOURCE_UNIT') return !!identity.org && identity.org === r.sourceUnitId;
  if (identity.role === 'AGENCY') return identity.jurisdiction === r.jurisdiction;
  return false;
}

export function requireManage(identity: Identity, r: { jurisdiction: string; sourceUnitId: string }): void {
  if (!canManage(identity, r)) {
    throw forbidden('只能管理本单位或本辖区的数据资源', 'You may only manage resources of your own organization or jurisdiction', {
      details: { jurisdiction: r.jurisdiction, sourceAgencyId: r.sourceUnitId },
    });
  }
}

/** A correction request: the owning source unit, the raiser, and the AGENCY/AUTHORITY of the jurisdiction. */
export const correctionTarget = (c: Pick<CorrectionRow, 'jurisdiction' | 'sourceUnitId' | 'raisedByOrg'>): ScopeTarget => ({ jurisdiction: c.jurisdiction, orgIds: [c.sourceUnitId, c.raisedByOrg] });
export const canViewCorrection = (identity: Identity, c: CorrectionRow) => inScope(identity, correctionTarget(c), CATALOG_SCOPE);
/** The same rule as columns of `correction_request`. */
export const CORRECTION_SCOPE_COLUMNS = { jurisdiction: 'jurisdiction', orgs: ['source_agency_id', 'raised_by_org'] } as const;
