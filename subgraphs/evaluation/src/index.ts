import type { SubgraphDefinition } from '@pdo/platform';
import { tables } from './data/tables.js';
import { checkEvaluationInvariants } from './data/invariants.js';
import { migrations } from './migrations/list.js';
import { DisclosureResolver, toDisclosure } from './schema/disclosure-resolver.js';
import { ContributionResolver } from './schema/contribution-resolver.js';
import { OperatorEvaluationResolver } from './schema/operator-evaluation-resolver.js';
import { OperatingReportResolver } from './schema/report-resolver.js';
import { SecurityIncidentResolver } from './schema/incident-resolver.js';
import { DisputeResolver } from './schema/dispute-resolver.js';
import { EmergencyPlanResolver, FormalTalkResolver, SecurityAssessmentResolver } from './schema/security-duty-resolver.js';
import { EVALUATION_ACCESS, EVALUATION_ENTITY_ACCESS } from './access.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { disclosure } from './services/disclosures.js';
import { openDueReportsEverywhere } from './services/due-reports.js';
import { seed } from './seed.js';
import { disclosureFeedRoutes } from './schema/disclosure-feed-route.js';

export { checkEvaluationInvariants };
export { EVALUATION_ACCESS, EVALUATION_ENTITY_ACCESS } from './access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'evaluation',
  access: EVALUATION_ACCESS,
  entityAccess: EVALUATION_ENTITY_ACCESS,
  invariants: (em) => checkEvaluationInvariants(em),
  entities: [...tables],
  migrations,
  resolvers: [DisclosureResolver, ContributionResolver, OperatorEvaluationResolver, OperatingReportResolver, SecurityIncidentResolver, DisputeResolver, EmergencyPlanResolver, SecurityAssessmentResolver, FormalTalkResolver],
  referenceResolvers: {
    Disclosure: async (ref, ctx) => {
      const r = await disclosure(ctx as never, { id: ref.id });
      return r ? toDisclosure(r) : null;
    },
  },
  createLoaders,
  handlers,
  seed,
  // The disclosure feed as a live stream (docs/live-feeds.md).
  routes: disclosureFeedRoutes,
  jobs: [
    // Reports fall due as periods end: open them as prefilled drafts so the overdue list is complete.
    { name: 'open-due-operating-reports', everySeconds: 3600, run: (em) => openDueReportsEverywhere(em, new Date()) },
  ],
};
