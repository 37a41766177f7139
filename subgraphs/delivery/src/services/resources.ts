import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import { currentViewName, recipeFieldType, type DeclaredField } from '../domain/load-rules.js';
import type { AllowedResource } from '../domain/recipe-types.js';
import { grantedResources } from '../data/projections.js';
import { loadProjections } from '../data/rows.js';

/**
 * The resources a recipe or sandbox query of a product version may read (HN Art 15; TZ Art 8
 * minimum necessary): the version's resources that the operator's access grants for the
 * product's scenario cover today, none the catalog marks prohibited or unauthorizable — each as the
 * view of its current batch, with its declared fields (sensitive = graded sensitive or personal
 * information) and the subject field the submitter names.
 */
export async function allowedResources(
  tx: EntityManager,
  v: { scenario_id: string; operator_id: string; resource_ids: string[] },
  subjects: readonly { resourceId: string; field: string }[],
  now: Date,
): Promise<{ allowed: Record<string, AllowedResource & { resourceId: string }> }> {
  const granted = new Set(await grantedResources(tx, v.scenario_id, v.operator_id, toShanghaiDate(now)));
  const usable = (await loadProjections(tx, v.resource_ids)).filter((r) => granted.has(r.resourceId) && r.status === 'ACTIVE' && r.openness !== 'PROHIBITED' && r.authorizable);
  for (const s of subjects) {
    if (!usable.some((r) => r.resourceId === s.resourceId)) {
      throw badInput('主体字段所属资源不在本产品可用资源中', 'A subject field names a resource the product may not use', { field: 'input.subjects', details: { resourceId: s.resourceId } });
    }
  }
  const allowed: Record<string, AllowedResource & { resourceId: string }> = {};
  for (const r of usable) {
    const [name, resource] = allowedResource(r, subjects.find((s) => s.resourceId === r.resourceId)?.field);
    allowed[name] = resource;
  }
  return { allowed };
}

/**
 * One resource as a recipe names and reads it: the table name the recipe writes, the view of its
 * current batch, its declared fields (sensitive = graded sensitive or personal information).
 */
export function allowedResource(r: { resourceId: string; jurisdiction: string; code: string; fields: readonly DeclaredField[] | null }, subjectField?: string): [string, AllowedResource & { resourceId: string }] {
  const view = currentViewName(r.jurisdiction, r.code);
  return [view.slice(2), {
    resourceId: r.resourceId,
    physical: `raw.${view}`,
    fields: (r.fields ?? []).flatMap((f) => {
      const type = recipeFieldType(f.type);
      return type ? [{ name: f.name, type, sensitive: !!(f.sensitive || f.personalInformation) }] : [];
    }),
    ...(subjectField ? { subjectField } : {}),
  }];
}
