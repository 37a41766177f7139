/** Every GraphQL operation of the console (checked against gateway/supergraph.graphql). */
import { gql } from 'urql';


export const MARKETPLACE = gql`
  query Marketplace($search: String, $filter: ProductMarketplaceFilter, $sort: ProductSort, $first: Int, $after: String) {
    productMarketplace(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      facets {
        jurisdiction { value count }
        form { value count }
        category { value count }
        operator { value count }
        sector { value count }
        sourceAgency { value count }
      }
      edges {
        node {
          id code name description form category chargingUnit jurisdiction listedAt sectors
          operator { id name }
          listingPrice { chargingUnit free price cap }
          usageStats { totalUnits activeAgreements developers }
        }
      }
    }
  }
`;

/** Names for ids shown in facets and tables (organizations, sectors). */
export const LOOKUPS = gql`
  query Lookups {
    organizations(first: 100) { edges { node { id name nameEn } } }
    catalogSectors { code nameZh }
  }
`;

export const PRODUCT = gql`
  query Product($id: ID!) {
    dataProduct(id: $id) {
      id code name description form category chargingUnit jurisdiction listingStatus listingReason listedAt latestVersion sectors
      operator { id name nameEn }
      sourceAgencies { id name }
      resources { id code nameZh sectorNameZh recordCount updateFrequency sourceAgency { id name } }
      listingPrice { chargingUnit free price cap effectiveFrom }
      review { id version decision reasons legalBasis reviewedAt }
      registration { id state registrationCode dueOn overdue awaiting validUntil }
      usageStats { totalUnits usageRecords activeAgreements developers }
      currentVersion { version status deliveryMethod }
    }
    productUsageByMonth(productId: $id) { month units records developers }
  }
`;

export const APPLY = gql`
  mutation Apply($input: ApplyForProductUsageInput!) {
    applyForProductUsage(input: $input) { id status createdAt }
  }
`;

export const MY_USAGE = gql`
  query MyUsage($developerId: ID, $first: Int) {
    usageApplications(developerId: $developerId, first: $first) {
      totalCount
      edges { node { id status purpose startDate endDate createdAt decisionReasons usageAgreementId product { id name } } }
    }
    usageAgreements(developerId: $developerId, first: $first) {
      totalCount
      edges {
        node {
          id status category purpose startDate endDate quotaUnits signedAt operatorAcceptedAt developerAcceptedAt
          product { id code name chargingUnit }
          operator { id name }
        }
      }
    }
  }
`;

export const MY_CHARGES = gql`
  query MyCharges($filter: ChargeFilter, $first: Int, $after: String) {
    charges(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id productId units unitPrice amount priced occurredAt chargingUnit } }
    }
  }
`;

export const ACCEPT_AGREEMENT = gql`
  mutation AcceptUsageAgreement($id: ID!) {
    acceptUsageAgreement(id: $id) { id status developerAcceptedAt signedAt }
  }
`;

export const OPERATOR_DESK = gql`
  query OperatorDesk($operatorId: ID, $first: Int) {
    agreements(filter: { operatorId: $operatorId }, first: $first) {
      totalCount
      edges {
        node {
          id number jurisdiction mode status startDate endDate trialEndDate signedOn statusReason sectors
          gates { gate required satisfied detail source }
          renewals { id requestedOn proposedEndDate status decisionNote }
        }
      }
    }
    dataScenarios(first: $first) {
      totalCount
      edges { node { id agreementId nameZh category status submittedOn reviewDueOn refusalReasons decidedAt resources { resourceId decision reason resource { nameZh } } } }
    }
    dataProducts(operatorId: $operatorId, first: $first) {
      totalCount
      edges {
        node {
          id code name form listingStatus latestVersion listedAt registrationDueOn
          currentVersion { version status }
          review { decision reasons reviewedAt }
          registration { state registrationCode dueOn overdue awaiting }
        }
      }
    }
    usageApplications(first: $first) {
      totalCount
      edges { node { id status purpose scenario scope method startDate endDate requestedQuota createdAt product { id name } developer { id name } assessment { recommend opinion } } }
    }
  }
`;

export const POLICY_PROFILE = gql`
  query PolicyProfile($jurisdiction: String!) {
    policyProfile(jurisdiction: $jurisdiction) { jurisdiction version settings { name value source } }
  }
`;

export const SUBMIT_PRODUCT = gql`
  mutation SubmitProduct($productId: ID!) { submitProductForReview(productId: $productId) { id listingStatus currentVersion { version status } } }
`;
export const LIST_PRODUCT = gql`
  mutation ListProduct($productId: ID!) { listProduct(productId: $productId) { id listingStatus listedAt } }
`;
export const ASSESS_USAGE = gql`
  mutation AssessUsage($input: AssessUsageApplicationInput!) { assessUsageApplication(input: $input) { id status } }
`;
export const DECIDE_USAGE = gql`
  mutation DecideUsage($applicationId: ID!, $approve: Boolean!, $reasons: [String!]) {
    decideUsageApplication(applicationId: $applicationId, approve: $approve, reasons: $reasons) { id status usageAgreementId }
  }
`;

export const FINANCE_DESK = gql`
  query FinanceDesk($first: Int) {
    settlements(first: $first) {
      totalCount
      edges {
        node {
          id jurisdiction periodStart periodEnd status total chargeCount productCount startedAt completedAt
          reconciliation { reconciled }
        }
      }
    }
    costSurveys(first: $first) {
      totalCount
      edges {
        node {
          id name jurisdiction surveyYear periodStart periodEnd operator { id name }
          mar effectiveMar
          revenueDeviation { actual mar difference deviationPercent direction bandPercent action source explanation }
        }
      }
    }
  }
`;

export const SHARES_BY = gql`
  query SharesBy($filter: RevenueShareFilter, $groupBy: RevenueSummaryGroup!) {
    revenueShareSummary(filter: $filter, groupBy: $groupBy) { key partyKind amount }
  }
`;

export const STATEMENTS = gql`
  query Statements($settlementId: ID!, $first: Int) {
    revenueStatements(settlementId: $settlementId, first: $first) {
      totalCount
      edges { node { partyKind partyId partyName total } }
    }
  }
`;

export const STATEMENT = gql`
  query Statement($settlementId: ID!, $partyId: String!, $partyKind: RevenuePartyKind) {
    revenueStatement(settlementId: $settlementId, partyId: $partyId, partyKind: $partyKind) {
      settlementId jurisdiction periodStart periodEnd partyKind partyId partyName total csv
      lines { productId productCode productName productRevenue chargeCount units weight basis amount }
    }
  }
`;

/** The regulator's queues every supervising role (AUTHORITY, AGENCY) may read. */
export const REGULATOR_QUEUES = gql`
  query RegulatorQueues($jurisdiction: String!, $first: Int) {
    operatorApplications(first: $first) {
      totalCount
      edges { node { id status submittedOn publicityEndsOn applicant { id name } call { id } } }
    }
    dataScenarios(filter: { status: SUBMITTED }, first: $first) {
      totalCount
      edges { node { id nameZh status submittedOn reviewDueOn operatorId agreementId } }
    }
    pendingReviews: dataProducts(jurisdiction: $jurisdiction, versionStatus: "SUBMITTED", first: $first) {
      totalCount
      edges { node { id code name latestVersion operator { id name } currentVersion { version status submittedAt } registrationDueOn } }
    }
    correctionRequests(filter: { states: [OPEN] }, first: $first) {
      totalCount
      edges { node { id problem raisedOn dueOn overdue state dueRule resource { id nameZh } sourceAgency { id name } } }
    }
  }
`;

/** Operating reports: the evaluation subgraph lets AUTHORITY (and EXPERT, OPERATOR) read them, not AGENCY. */
export const REPORT_QUEUES = gql`
  query ReportQueues($jurisdiction: String!, $first: Int) {
    operatingReports(jurisdiction: $jurisdiction, status: SUBMITTED, first: $first) {
      totalCount
      edges { node { id kind periodStart periodEnd dueOn status overdue operator { id name } } }
    }
    overdueReports: operatingReports(jurisdiction: $jurisdiction, overdueOnly: true, first: $first) {
      totalCount
      edges { node { id kind periodStart periodEnd dueOn status overdue operator { id name } } }
    }
  }
`;

export const DECIDE_SCENARIO = gql`
  mutation DecideScenario($scenarioId: ID!, $approve: Boolean!, $reasons: [String!]! = []) {
    decideDataScenario(scenarioId: $scenarioId, approve: $approve, reasons: $reasons) { id status }
  }
`;
export const REVIEW_PRODUCT = gql`
  mutation ReviewProduct($input: ReviewProductInput!) { reviewProduct(input: $input) { id decision version } }
`;
export const REVIEW_REPORT = gql`
  mutation ReviewReport($input: ReviewOperatingReportInput!) { reviewOperatingReport(input: $input) { id status } }
`;

/**
 * `<subgraph>AuditTrail(entityType, entityId, first, after)`, newest first: what the API offers. It
 * has no date, actor or jurisdiction argument, so the console filters those on the loaded page.
 */
const AUDIT_FIELDS = 'totalCount pageInfo { hasNextPage endCursor } edges { node { seq occurredAt actorSub actorRole actorOrg entityType entityId action changes reason } }';
const AUDIT_ARGS = '$entityType: String, $entityId: String, $first: Int, $after: String';
const AUDIT_PASS = 'entityType: $entityType, entityId: $entityId, first: $first, after: $after';
export const AUDIT = {
  catalog: gql`query CatalogAudit(${AUDIT_ARGS}) { trail: catalogAuditTrail(${AUDIT_PASS}) { ${AUDIT_FIELDS} } }`,
  licensing: gql`query LicensingAudit(${AUDIT_ARGS}) { trail: licensingAuditTrail(${AUDIT_PASS}) { ${AUDIT_FIELDS} } }`,
  products: gql`query ProductsAudit(${AUDIT_ARGS}) { trail: productsAuditTrail(${AUDIT_PASS}) { ${AUDIT_FIELDS} } }`,
  revenue: gql`query RevenueAudit(${AUDIT_ARGS}) { trail: revenueAuditTrail(${AUDIT_PASS}) { ${AUDIT_FIELDS} } }`,
  evaluation: gql`query EvaluationAudit(${AUDIT_ARGS}) { trail: evaluationAuditTrail(${AUDIT_PASS}) { ${AUDIT_FIELDS} } }`,
} as const;

/** The object types each subgraph writes to its audit trail (the `entityType` of its audit calls). */
export const AUDIT_ENTITY_TYPES: Record<keyof typeof AUDIT, string[]> = {
  catalog: ['DataResource', 'CorrectionRequest', 'ResourceRegistration'],
  licensing: ['AuthorizationAgreement', 'Scenario', 'AccessGrant', 'OperatorApplication', 'Call', 'Organization', 'PolicyProfile', 'Rectification'],
  products: ['DataProduct', 'ProductRegistration', 'UsageApplication', 'UsageAgreement', 'UsageRecord'],
  revenue: ['Settlement', 'DistributionPlan', 'ProductPrice', 'PriceCap', 'CostSurvey', 'LedgerEntry'],
  evaluation: ['OperatingReport', 'OperatorEvaluation', 'EvaluationFinding', 'SecurityIncident', 'Dispute', 'ContributionAssessment', 'ContributionWeights'],
};

export const DISCLOSURES = gql`
  query Disclosures($jurisdiction: String, $first: Int, $after: String) {
    disclosures(jurisdiction: $jurisdiction, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id jurisdiction name kind subjectId rule publishedAt facts { key value } } }
    }
  }
`;

/** A correction request as the source agency desk shows it (list rows and the answer's payload alike). */
const CORRECTION_FIELDS = `
  id state problem fieldNames evidence raisedOn dueOn dueRule overdue raisedBy
  answeredOn answerReason correctedVersion onTime
  raisedByOrganization { id name }
  resource { id code nameZh descriptionZh recordCount updateFrequency version fields { name type descriptionZh personalInformation sensitive } }
`;

/** The caller's correction requests in the given states (a source agency sees only its own). */
export const CORRECTIONS = gql`
  query Corrections($states: [CorrectionRequestState!], $first: Int, $after: String) {
    correctionRequests(filter: { states: $states }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${CORRECTION_FIELDS} } }
    }
  }
`;

export const OVERDUE_CORRECTIONS_COUNT = gql`
  query OverdueCorrectionsCount {
    overdueCorrectionRequests(first: 0) { totalCount }
  }
`;

export const ANSWER_CORRECTION = gql`
  mutation AnswerCorrection($input: AnswerCorrectionRequestInput!) {
    answerCorrectionRequest(input: $input) { ${CORRECTION_FIELDS} }
  }
`;

// ── data plane (delivery): API keys, call log, metered quota ─────────────────
export const MY_API_KEYS = gql`
  query MyApiKeys($first: Int) {
    apiCredentials(first: $first) {
      totalCount
      edges { node { id keyPrefix label usageAgreementId productId status expired expiresAt createdAt revokedAt } }
    }
  }
`;

export const CREATE_API_KEY = gql`
  mutation CreateApiKey($input: CreateApiCredentialInput!) {
    createApiCredential(input: $input) { apiKey credential { id keyPrefix status } }
  }
`;

export const ROTATE_API_KEY = gql`
  mutation RotateApiKey($input: RotateApiCredentialInput!) {
    rotateApiCredential(input: $input) { apiKey credential { id keyPrefix status } }
  }
`;

export const REVOKE_API_KEY = gql`
  mutation RevokeApiKey($input: RevokeApiCredentialInput!) {
    revokeApiCredential(input: $input) { id status revokedAt }
  }
`;

export const CALL_LOG = gql`
  query CallLog($usageAgreementId: ID, $first: Int, $after: String) {
    callLog(usageAgreementId: $usageAgreementId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id productId productVersion outcome httpStatus rowsRead rowsReturned durationMs metered calledAt } }
    }
  }
`;

export const DATA_PLANE_QUOTA = gql`
  query DataPlaneQuota($usageAgreementId: ID!) {
    dataPlaneQuota(usageAgreementId: $usageAgreementId) { usageAgreementId quotaUnits usedUnits remainingUnits entitlementStatus endDate }
  }
`;
