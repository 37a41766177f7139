/** The plain rows the use cases answer with, for the schema's field resolvers (the schema never reads data/ itself). */
export type { AgreementRow, AppRow, CallRow, GrantRow, OrgRow, ScenarioResourceRow, ScenarioRow } from '../data/rows.js';
