import type { SubgraphDefinition } from '@pdo/platform';
import { sql } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { tables } from './data/tables.js';
import { migrations } from './migrations/list.js';
import { DisclosureResolver, fromEntity } from './schema/disclosure-resolver.js';
import { ContributionResolver } from './schema/contribution-resolver.js';
import { OperatorEvaluationResolver } from './schema/operator-evaluation-resolver.js';
import { OperatingReportResolver } from './schema/report-resolver.js';
import { SecurityIncidentResolver } from './schema/incident-resolver.js';
import { DisputeResolver } from './schema/dispute-resolver.js';
import { EVALUATION_ACCESS, EVALUATION_ENTITY_ACCESS } from './schema/access.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { generateDueReports } from './domain/reports.js';
import { seed } from './seed.js';

import { checkEvaluationInvariants } from './domain/invariants.js';
export { checkEvaluationInvariants };
export { EVALUATION_ACCESS, EVALUATION_ENTITY_ACCESS } from './schema/access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'evaluation',
  access: EVALUATION_ACCESS,
  entityAccess: EVALUATION_ENTITY_ACCESS,
  invariants: (em) => checkEvaluationInvariants(em),
  entities: [...tables],
  migrations,
  resolvers: [DisclosureResolver, ContributionResolver, OperatorEvaluationResolver, OperatingReportResolver, SecurityIncidentResolver, DisputeResolver],
  referenceResolvers: {
    Disclosure: async (ref, ctx) => {
      const e = await (ctx.loaders as Loaders).byId.load(ref.id);
      return e ? fromEntity(e) : null;
    },
  },
  createLoaders,
  handlers,
  seed,
  jobs: [
    {
      // Reports fall due as periods end: open them as prefilled drafts so the overdue list is complete.
      name: 'open-due-operating-reports',
      everySeconds: 3600,
      run: async (em) => {
        await em.transactional(async (tx) => {
          const js = await sql<{ jurisdiction: string }>(tx, `select distinct jurisdiction from agreement_projection`);
          // A job has no request clock: it runs at the server's now.
          const now = new Date();
          for (const j of js) await generateDueReports(tx, j.jurisdiction, todayInShanghai(now), now);
        });
      },
    },
  ],
};
