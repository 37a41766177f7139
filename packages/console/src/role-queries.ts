/** The console's operations for the roles of issue 19: data service provider, pricing authority, industry department. */
import { graphql } from './gql';

/** A party's own shares, newest settlement first (the API scopes them to the caller's organization). */
export const MY_SHARES = graphql(`
  query MyShares($partyId: String!, $first: Int) {
    revenueShares(filter: { partyId: $partyId }, first: $first) {
      totalCount
      edges { node { id settlementId jurisdiction periodStart periodEnd productId partyKind partyId amount { fen yuan } } }
    }
  }
`);

export const PRICING_DESK = graphql(`
  query PricingDesk($jurisdiction: String!, $first: Int) {
    bondYields { id jurisdiction year version yieldPercent sourceDocument illustrative loadedAt }
    costSurveys(first: $first) {
      totalCount
      edges { node { id name jurisdiction surveyYear periodStart periodEnd markupPp operator { id name } mar { fen yuan } effectiveMar { fen yuan } } }
    }
    organizations(filter: { jurisdiction: $jurisdiction, kind: OPERATOR }, first: 50) { edges { node { id name } } }
    policyProfile(jurisdiction: $jurisdiction) { settings { name value source } }
  }
`);

export const LOAD_BOND_YIELD = graphql(`
  mutation LoadBondYield($input: LoadBondYieldInput!) { loadBondYield(input: $input) { id year version yieldPercent } }
`);

export const RECORD_COST_SURVEY = graphql(`
  mutation RecordCostSurvey($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id mar { fen yuan } } }
`);

/** Scenarios of the department's jurisdiction under review, with the opinions given (JL §五5). */
export const INDUSTRY_DESK = graphql(`
  query IndustryDesk($first: Int) {
    dataScenarios(filter: { status: SUBMITTED }, first: $first) {
      totalCount
      edges { node { id nameZh category status submittedOn reviewDueOn operatorId industryOpinions { departmentId supports opinion givenAt } } }
    }
  }
`);

export const RECORD_OPINION = graphql(`
  mutation RecordScenarioOpinion($scenarioId: ID!, $supports: Boolean!, $opinion: String!) {
    recordScenarioOpinion(scenarioId: $scenarioId, supports: $supports, opinion: $opinion) { id industryOpinions { departmentId supports opinion givenAt } }
  }
`);
