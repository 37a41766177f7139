/** Every GraphQL operation of the console (checked against gateway/supergraph.graphql). */
import { graphql } from './gql';


export const MARKETPLACE = graphql(`
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
          listingPrice { chargingUnit free price { fen yuan } cap { fen yuan } }
          usageStats { totalUnits activeAgreements developers }
        }
      }
    }
  }
`);

/** Names for ids shown in facets and tables (organizations, sectors). */
export const LOOKUPS = graphql(`
  query Lookups {
    organizations(first: 100) { edges { node { id name nameEn } } }
    catalogSectors { code nameZh }
  }
`);

export const PRODUCT = graphql(`
  query Product($id: ID!) {
    dataProduct(id: $id) {
      id code name description form category chargingUnit jurisdiction listingStatus listingReason listedAt latestVersion sectors
      operator { id name nameEn }
      sourceAgencies { id name }
      resources { id code nameZh sectorNameZh recordCount updateFrequency sourceAgency { id name } }
      listingPrice { chargingUnit free price { fen yuan } cap { fen yuan } effectiveFrom }
      review { id version decision reasons legalBasis reviewedAt }
      registration { id state registrationCode dueOn overdue awaiting validUntil }
      usageStats { totalUnits usageRecords activeAgreements developers }
      currentVersion { version status deliveryMethod }
    }
    productUsageByMonth(productId: $id) { month units records developers }
  }
`);

export const APPLY = graphql(`
  mutation Apply($input: ApplyForProductUsageInput!) {
    applyForProductUsage(input: $input) { id status createdAt }
  }
`);

export const MY_USAGE = graphql(`
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
`);

export const MY_CHARGES = graphql(`
  query MyCharges($filter: ChargeFilter, $first: Int, $after: String) {
    charges(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id productId units unitPrice { fen yuan } amount { fen yuan } priced occurredAt chargingUnit } }
    }
  }
`);

export const ACCEPT_AGREEMENT = graphql(`
  mutation AcceptUsageAgreement($id: ID!) {
    acceptUsageAgreement(id: $id) { id status developerAcceptedAt signedAt }
  }
`);

export const OPERATOR_DESK = graphql(`
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
          id code name form jurisdiction listingStatus latestVersion listedAt registrationDueOn exchangeVenue exchangeListingRef
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
`);

export const POLICY_PROFILE = graphql(`
  query PolicyProfile($jurisdiction: String!) {
    policyProfile(jurisdiction: $jurisdiction) { jurisdiction version settings { name value source } }
  }
`);

export const SUBMIT_PRODUCT = graphql(`
  mutation SubmitProduct($productId: ID!) { submitProductForReview(productId: $productId) { id listingStatus currentVersion { version status } } }
`);
export const LIST_PRODUCT = graphql(`
  mutation ListProduct($productId: ID!, $exchangeListingRef: String) {
    listProduct(productId: $productId, exchangeListingRef: $exchangeListingRef) { id listingStatus listedAt exchangeVenue exchangeListingRef }
  }
`);
export const ASSESS_USAGE = graphql(`
  mutation AssessUsage($input: AssessUsageApplicationInput!) { assessUsageApplication(input: $input) { id status } }
`);
export const DECIDE_USAGE = graphql(`
  mutation DecideUsage($applicationId: ID!, $approve: Boolean!, $reasons: [String!]) {
    decideUsageApplication(applicationId: $applicationId, approve: $approve, reasons: $reasons) { id status usageAgreementId }
  }
`);

export const FINANCE_DESK = graphql(`
  query FinanceDesk($first: Int) {
    settlements(first: $first) {
      totalCount
      edges {
        node {
          id jurisdiction periodStart periodEnd status total { fen yuan } chargeCount productCount startedAt completedAt
          reconciliation { reconciled }
        }
      }
    }
    costSurveys(first: $first) {
      totalCount
      edges {
        node {
          id name jurisdiction surveyYear periodStart periodEnd operator { id name }
          mar { fen yuan } effectiveMar { fen yuan }
          revenueDeviation { actual { fen yuan } mar { fen yuan } difference { fen yuan } deviationPercent direction bandPercent action source explanation }
        }
      }
    }
  }
`);

export const SHARES_BY = graphql(`
  query SharesBy($filter: RevenueShareFilter, $groupBy: RevenueSummaryGroup!) {
    revenueShareSummary(filter: $filter, groupBy: $groupBy) { key partyKind amount { fen yuan } }
  }
`);

export const STATEMENTS = graphql(`
  query Statements($settlementId: ID!, $first: Int) {
    revenueStatements(settlementId: $settlementId, first: $first) {
      totalCount
      edges { node { partyKind partyId partyName total { fen yuan } } }
    }
  }
`);

export const STATEMENT = graphql(`
  query Statement($settlementId: ID!, $partyId: String!, $partyKind: RevenuePartyKind) {
    revenueStatement(settlementId: $settlementId, partyId: $partyId, partyKind: $partyKind) {
      settlementId jurisdiction periodStart periodEnd partyKind partyId partyName total { fen yuan } csv
      lines { productId productCode productName productRevenue { fen yuan } chargeCount units weight basis amount { fen yuan } }
    }
  }
`);

/** The regulator's queues every supervising role (AUTHORITY, AGENCY) may read. */
export const REGULATOR_QUEUES = graphql(`
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
`);

/** Operating reports: the evaluation subgraph lets AUTHORITY (and EXPERT, OPERATOR) read them, not AGENCY. */
export const REPORT_QUEUES = graphql(`
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
`);

export const DECIDE_SCENARIO = graphql(`
  mutation DecideScenario($scenarioId: ID!, $approve: Boolean!, $reasons: [String!]! = []) {
    decideDataScenario(scenarioId: $scenarioId, approve: $approve, reasons: $reasons) { id status }
  }
`);
export const REVIEW_PRODUCT = graphql(`
  mutation ReviewProduct($input: ReviewProductInput!) { reviewProduct(input: $input) { id decision version } }
`);
export const REVIEW_REPORT = graphql(`
  mutation ReviewReport($input: ReviewOperatingReportInput!) { reviewOperatingReport(input: $input) { id status } }
`);

/**
 * `<subgraph>AuditTrail`, newest first, filtered by the API (object type and id, action, actor, date range in
 * Asia/Shanghai calendar days). One static document per subgraph: code generation types each one.
 */
export const AUDIT_PAGE = graphql(`
  fragment AuditPage on AuditRecordConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { seq occurredAt actorSub actorRole actorOrg entityType entityId action changes reason } }
  }
`);
export const AUDIT = {
  catalog: graphql(`
    query CatalogAudit($entityType: String, $entityId: String, $actorSub: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
      trail: catalogAuditTrail(entityType: $entityType, entityId: $entityId, actorSub: $actorSub, from: $from, to: $to, first: $first, after: $after) { ...AuditPage }
    }
  `),
  licensing: graphql(`
    query LicensingAudit($entityType: String, $entityId: String, $actorSub: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
      trail: licensingAuditTrail(entityType: $entityType, entityId: $entityId, actorSub: $actorSub, from: $from, to: $to, first: $first, after: $after) { ...AuditPage }
    }
  `),
  products: graphql(`
    query ProductsAudit($entityType: String, $entityId: String, $actorSub: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
      trail: productsAuditTrail(entityType: $entityType, entityId: $entityId, actorSub: $actorSub, from: $from, to: $to, first: $first, after: $after) { ...AuditPage }
    }
  `),
  revenue: graphql(`
    query RevenueAudit($entityType: String, $entityId: String, $actorSub: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
      trail: revenueAuditTrail(entityType: $entityType, entityId: $entityId, actorSub: $actorSub, from: $from, to: $to, first: $first, after: $after) { ...AuditPage }
    }
  `),
  evaluation: graphql(`
    query EvaluationAudit($entityType: String, $entityId: String, $actorSub: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
      trail: evaluationAuditTrail(entityType: $entityType, entityId: $entityId, actorSub: $actorSub, from: $from, to: $to, first: $first, after: $after) { ...AuditPage }
    }
  `),
} as const;

/** The object types each subgraph writes to its audit trail (the `entityType` of its audit calls). */
export const AUDIT_ENTITY_TYPES: Record<keyof typeof AUDIT, string[]> = {
  catalog: ['DataResource', 'CorrectionRequest', 'ResourceRegistration'],
  licensing: ['AuthorizationAgreement', 'Scenario', 'AccessGrant', 'OperatorApplication', 'Call', 'Organization', 'PolicyProfile', 'Rectification'],
  products: ['DataProduct', 'ProductRegistration', 'UsageApplication', 'UsageAgreement', 'UsageRecord'],
  revenue: ['Settlement', 'DistributionPlan', 'ProductPrice', 'PriceCap', 'CostSurvey', 'LedgerEntry'],
  evaluation: ['OperatingReport', 'OperatorEvaluation', 'EvaluationFinding', 'SecurityIncident', 'Dispute', 'ContributionAssessment', 'ContributionWeights'],
};

export const DISCLOSURES = graphql(`
  query Disclosures($jurisdiction: String, $first: Int, $after: String) {
    disclosures(jurisdiction: $jurisdiction, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id jurisdiction name kind subjectId rule publishedAt facts { key value } } }
    }
  }
`);

/** A correction request as the source agency desk shows it (list rows and the answer's payload alike). */
export const CORRECTION_FIELDS = graphql(`
  fragment CorrectionFields on CorrectionRequest {
    id state problem fieldNames evidence raisedOn dueOn dueRule overdue raisedBy
    answeredOn answerReason correctedVersion onTime
    raisedByOrganization { id name }
    resource { id code nameZh descriptionZh recordCount updateFrequency version fields { name type descriptionZh personalInformation sensitive } }
  }
`);

/** The caller's correction requests in the given states (a source agency sees only its own). */
export const CORRECTIONS = graphql(`
  query Corrections($states: [CorrectionRequestState!], $first: Int, $after: String) {
    correctionRequests(filter: { states: $states }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...CorrectionFields } }
    }
  }
`);

export const OVERDUE_CORRECTIONS_COUNT = graphql(`
  query OverdueCorrectionsCount {
    overdueCorrectionRequests(first: 0) { totalCount }
  }
`);

export const ANSWER_CORRECTION = graphql(`
  mutation AnswerCorrection($input: AnswerCorrectionRequestInput!) {
    answerCorrectionRequest(input: $input) { ...CorrectionFields }
  }
`);

// ── data plane (delivery): API keys, call log, metered quota ─────────────────
export const MY_API_KEYS = graphql(`
  query MyApiKeys($first: Int) {
    apiCredentials(first: $first) {
      totalCount
      edges { node { id keyPrefix label usageAgreementId productId status expired expiresAt createdAt revokedAt } }
    }
  }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiCredentialInput!) {
    createApiCredential(input: $input) { apiKey credential { id keyPrefix status } }
  }
`);

export const ROTATE_API_KEY = graphql(`
  mutation RotateApiKey($input: RotateApiCredentialInput!) {
    rotateApiCredential(input: $input) { apiKey credential { id keyPrefix status } }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($input: RevokeApiCredentialInput!) {
    revokeApiCredential(input: $input) { id status revokedAt }
  }
`);

export const CALL_LOG = graphql(`
  query CallLog($usageAgreementId: ID, $first: Int, $after: String) {
    callLog(usageAgreementId: $usageAgreementId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id productId productVersion outcome httpStatus rowsRead rowsReturned durationMs metered calledAt } }
    }
  }
`);

export const DATA_PLANE_QUOTA = graphql(`
  query DataPlaneQuota($usageAgreementId: ID!) {
    dataPlaneQuota(usageAgreementId: $usageAgreementId) { usageAgreementId quotaUnits usedUnits remainingUnits entitlementStatus endDate }
  }
`);
