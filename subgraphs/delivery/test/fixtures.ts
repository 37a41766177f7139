import type { AllowedResource, OutputKind, RecipeInput } from '../src/index.js';

export const enterprise: AllowedResource = {
  physical: 'raw.r_hn_market_enterprise',
  subjectField: 'credit_code',
  fields: [
    { name: 'credit_code', type: 'text', sensitive: false },
    { name: 'name', type: 'text', sensitive: false },
    { name: 'region', type: 'text', sensitive: false },
    { name: 'registered_capital', type: 'numeric', sensitive: false },
    { name: 'established', type: 'date', sensitive: false },
    { name: 'penalty_count', type: 'integer', sensitive: false },
    { name: 'legal_rep_id', type: 'text', sensitive: true },
    { name: 'revenue', type: 'numeric', sensitive: true },
  ],
};

export const marriage: AllowedResource = {
  physical: 'raw.r_jl_marriage',
  subjectField: 'id_number',
  fields: [
    { name: 'id_number', type: 'text', sensitive: true },
    { name: 'marital_status', type: 'text', sensitive: true },
    { name: 'region', type: 'text', sensitive: false },
    { name: 'registered', type: 'date', sensitive: false },
  ],
};

export const social: AllowedResource = {
  physical: 'raw.r_hn_social_security',
  subjectField: 'person_id',
  fields: [
    { name: 'person_id', type: 'text', sensitive: true },
    { name: 'region', type: 'text', sensitive: false },
    { name: 'gender', type: 'text', sensitive: false },
    { name: 'age', type: 'integer', sensitive: false },
    { name: 'monthly_wage', type: 'numeric', sensitive: true },
  ],
};

export const resources = { r_hn_market_enterprise: enterprise, r_jl_marriage: marriage, r_hn_social_security: social };

/** A recipe over all three fixture resources with a generous output schema. */
export function recipe(sql: string, outputs: Record<string, OutputKind> = {}, extra: Partial<RecipeInput> = {}): RecipeInput {
  return {
    sql,
    resources,
    parameters: [{ name: 'code', type: 'text' }, { name: 'claimed', type: 'text' }],
    outputs: { n: 'AGGREGATE', x: 'DERIVED', region: 'LABEL', score: 'SCORE', flag: 'FLAG', ...outputs },
    k: 5,
    ...extra,
  };
}
