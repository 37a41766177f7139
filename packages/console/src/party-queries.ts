/**
 * The persons behind a company (legal representative, executives, controllers) that the integrity checks look up
 * (JL §三(二); TZ Art 12(3)): the company proposes them with its document, an official of its jurisdiction accepts.
 */
import { graphql } from './gql';

export const COMPANY_PERSONS = graphql(`
  query CompanyPersons($org: ID!, $jurisdiction: String!) {
    organization(id: $org) { id name persons { id role name documentRef documentDate } }
    organizationChangeProposals(filter: { organizationId: $org, status: PENDING }, first: 10) {
      edges { node { id status changes proposedAt evidence { documentRef documentDate } } }
    }
    policyProfile(jurisdiction: $jurisdiction) { settings { name value source } }
  }
`);

export const PROPOSE_PERSONS = graphql(`
  mutation ProposePersons($input: ProposeOrganizationChangeInput!) {
    proposeOrganizationChange(input: $input) { id status changes }
  }
`);

/** Pending proposals of the parties of the official's jurisdiction (the API scopes them). */
export const PENDING_PROPOSALS = graphql(`
  query PendingProposals($first: Int) {
    organizationChangeProposals(filter: { status: PENDING }, first: $first) {
      totalCount
      edges { node { id organizationId changes proposedAt proposedByRole evidence { documentRef documentDate note } } }
    }
  }
`);

export const ACCEPT_PROPOSAL = graphql(`
  mutation AcceptProposal($id: ID!) { acceptOrganizationChange(id: $id) { id status } }
`);

export const REJECT_PROPOSAL = graphql(`
  mutation RejectProposal($id: ID!, $reason: String!) { rejectOrganizationChange(id: $id, reason: $reason) { id status } }
`);
