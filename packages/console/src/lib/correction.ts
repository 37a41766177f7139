/**
 * Answering a correction request (校核, HN Art 16) at the source agency desk: the form's draft, and
 * the check that turns it into `answerCorrectionRequest`'s input before anything is sent. Pure
 * functions: tested in test/lib.test.ts. The API checks the same again and has the last word.
 */
import type { CatalogUpdateFrequency } from '../gql/graphql';

export type CorrectionOutcome = 'CORRECTED' | 'REJECTED';

export interface ResourceFieldLike {
  name: string;
  type: string;
  descriptionZh: string;
  personalInformation: boolean;
  sensitive: boolean;
}

/** What the desk lets an agency correct: the resource's description, size, update cycle and the fields concerned. */
export interface CorrectableResource {
  descriptionZh: string;
  recordCount: number;
  updateFrequency: string;
  fields: ResourceFieldLike[];
}

export interface AnswerDraft {
  outcome: CorrectionOutcome | null;
  /** Required to decline; an optional note on a correction (the new version's change note). */
  reason: string;
  descriptionZh: string;
  recordCount: string;
  updateFrequency: string;
  /** Description of each field the request names, by field name. */
  fieldDescriptions: Record<string, string>;
}

export interface ResourcePatch {
  descriptionZh?: string;
  recordCount?: number;
  updateFrequency?: CatalogUpdateFrequency;
  fields?: ResourceFieldLike[];
}

export interface AnswerInput {
  id: string;
  outcome: CorrectionOutcome;
  reason: string | null;
  correction: ResourcePatch | null;
}

/** Why a draft is not sent; each has a message in i18n.ts (`src.err.<problem>`). */
export type AnswerProblem = 'outcome' | 'reason' | 'recordCount' | 'unchanged' | 'noResource';

/** GraphQL Int is 32-bit. */
const MAX_INT = 2_147_483_647;

/** The fields of the resource that the request names (unknown names are left out: nothing to edit). */
export function concernedFields(resource: CorrectableResource | null, fieldNames: readonly string[]): ResourceFieldLike[] {
  if (!resource) return [];
  return fieldNames.map((n) => resource.fields.find((f) => f.name === n)).filter((f): f is ResourceFieldLike => !!f);
}

/** A fresh draft: no outcome chosen yet, the correctable values as they are now. */
export function newDraft(resource: CorrectableResource | null, fieldNames: readonly string[]): AnswerDraft {
  return {
    outcome: null,
    reason: '',
    descriptionZh: resource?.descriptionZh ?? '',
    recordCount: resource ? String(resource.recordCount) : '',
    updateFrequency: resource?.updateFrequency ?? '',
    fieldDescriptions: Object.fromEntries(concernedFields(resource, fieldNames).map((f) => [f.name, f.descriptionZh])),
  };
}

/**
 * The mutation input for a draft, or the first problem to show. A correction sends only what
 * changed (the API refuses one that changes nothing); the field list is sent whole, as the API
 * replaces it, with only the concerned descriptions edited.
 */
export function answerInput(id: string, draft: AnswerDraft, resource: CorrectableResource | null): { input: AnswerInput } | { problem: AnswerProblem } {
  if (!draft.outcome) return { problem: 'outcome' };
  const reason = draft.reason.trim();
  if (draft.outcome === 'REJECTED') {
    if (!reason) return { problem: 'reason' };
    return { input: { id, outcome: 'REJECTED', reason, correction: null } };
  }
  if (!resource) return { problem: 'noResource' };
  const count = draft.recordCount.trim();
  if (!/^\d+$/.test(count) || Number(count) > MAX_INT) return { problem: 'recordCount' };
  const patch: ResourcePatch = {};
  const description = draft.descriptionZh.trim();
  if (description !== resource.descriptionZh.trim()) patch.descriptionZh = description;
  if (Number(count) !== resource.recordCount) patch.recordCount = Number(count);
  if (draft.updateFrequency && draft.updateFrequency !== resource.updateFrequency) patch.updateFrequency = draft.updateFrequency as CatalogUpdateFrequency;
  let fieldsChanged = false;
  const fields = resource.fields.map((f) => {
    const edited = draft.fieldDescriptions[f.name];
    const descriptionZh = edited === undefined ? f.descriptionZh : edited.trim();
    if (descriptionZh !== f.descriptionZh) fieldsChanged = true;
    // Named explicitly: a query result carries __typename, which an input type refuses.
    return { name: f.name, type: f.type, descriptionZh, personalInformation: f.personalInformation, sensitive: f.sensitive };
  });
  if (fieldsChanged) patch.fields = fields;
  if (!Object.keys(patch).length) return { problem: 'unchanged' };
  return { input: { id, outcome: 'CORRECTED', reason: reason || null, correction: patch } };
}
