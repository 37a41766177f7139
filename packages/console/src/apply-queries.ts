/**
 * A company's side of operator selection: the open calls of its jurisdiction with the profile's demands and its live
 * eligibility, its own applications with the public result, and the objection channel during publicity
 * (docs/policy/selection-and-renewal.md).
 */
import { graphql } from './gql';

export const APPLY_DESK = graphql(`
  query ApplyDesk($org: ID!, $jurisdiction: String!, $first: Int, $after: String) {
    calls(jurisdiction: $jurisdiction, openToday: true, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id title mode selectionMethod resourceIds sectors eligibilityNotes opensOn closesOn publicityWorkingDays invitees
          scoringRules { criterion weight }
          publishedBy { id name }
        }
      }
    }
    policyProfile(jurisdiction: $jurisdiction) { jurisdiction version settings { name value source } }
    eligibilityCheck(organizationId: $org, jurisdiction: $jurisdiction) {
      eligible asOf profileVersion
      criteria { criterion passed reasonZh reasonEn source }
    }
  }
`);

export const MY_OPERATOR_APPLICATIONS = graphql(`
  query MyOperatorApplications($jurisdiction: String!, $first: Int, $after: String) {
    operatorApplications(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id callId status submittedOn supplementRequest publicityEndsOn decisionNote
          documents { kind name }
          objections { index text raisedOn status resolution }
          call { id title publicityWorkingDays }
        }
      }
    }
    disclosures(jurisdiction: $jurisdiction, kinds: [SELECTION_PUBLICITY], first: 50) {
      edges { node { id name subjectId rule publishedAt facts { key value } } }
    }
  }
`);

export const SUBMIT_OPERATOR_APPLICATION = graphql(`
  mutation SubmitOperatorApplication($callId: ID!, $documents: [ApplicationDocumentInput!]!) {
    submitOperatorApplication(callId: $callId, documents: $documents) { id status submittedOn eligibility { eligible } }
  }
`);

export const RAISE_OBJECTION = graphql(`
  mutation RaiseObjection($id: ID!, $text: String!) {
    raiseApplicationObjection(id: $id, text: $text) { id objections { index text raisedOn status resolution } }
  }
`);

export const SUPPLEMENT_OPERATOR_APPLICATION = graphql(`
  mutation SupplementOperatorApplication($id: ID!, $documents: [ApplicationDocumentInput!]!) {
    supplementOperatorApplication(id: $id, documents: $documents) { id status supplementRequest documents { kind name } }
  }
`);
