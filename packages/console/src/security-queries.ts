/** The console's operations on security duties (docs/policy/security-duties.md): the due list and the records behind it. */
import { graphql } from './gql';

export const SECURITY_DUTIES = graphql(`
  query SecurityDuties($jurisdiction: String!, $org: ID, $first: Int) {
    securityDutiesDue(jurisdiction: $jurisdiction, orgId: $org, first: $first) {
      totalCount
      edges { node { kind subjectId dueOn rule organization { id name } } }
    }
    emergencyPlans(jurisdiction: $jurisdiction, holderOrgId: $org, first: $first) {
      totalCount
      edges { node { id title holderKind currentVersion nextDrillDueOn drillOverdue holder { id name } drills { heldOn findings } } }
    }
    securityAssessments(jurisdiction: $jurisdiction, operatorId: $org, first: $first) {
      totalCount
      edges { node { id assessor status riskLevel reportDueOn followUpDueOn operator { id name } } }
    }
    formalTalks(jurisdiction: $jurisdiction, operatorId: $org, first: $first) {
      totalCount
      edges { node { id heldOn talkedWith ground basis outcome operator { id name } } }
    }
  }
`);
