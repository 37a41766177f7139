import { graphql } from './gql';

/** The operating domain (运营域): recipes with their analysis, the output-review queue, data loads. */
export const RECIPE = graphql(`
  query Recipe($productId: ID!, $version: Int!) {
    recipe(productId: $productId, version: $version) {
      id status sql sqlSha256 k submittedAt
      parameters { name type }
      violations { code messageZh messageEn }
      analysis { aggregate k tables { name physical } columns { name kind sources aggregated masked reduced } filters reviewNotes parserVersion }
    }
  }
`);

export const REVIEW_QUEUE = graphql(`
  query ReviewQueue($first: Int, $after: String) {
    sandboxJobs(first: $first, after: $after, status: PENDING_REVIEW) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id productId version status sql epsilon chargedEpsilon sensitivity groupSizes suppressedGroups truncated flags reviewerRole submittedAt rows columns { name kind } } }
    }
  }
`);

export const REVIEW_SANDBOX_JOB = graphql(`
  mutation ReviewSandboxJob($input: ReviewSandboxJobInput!) {
    reviewSandboxJob(input: $input) { id status reviewNote }
  }
`);

export const RAW_BATCHES = graphql(`
  query RawBatches($first: Int, $after: String) {
    rawDataBatches(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id resourceId batchNo format rowCount byteSize sha256 status loadedAt nullRatios { field ratio } } }
    }
  }
`);

export const LOAD_RAW_DATA = graphql(`
  mutation LoadRawData($input: LoadRawDataInput!) {
    loadRawData(input: $input) { id batchNo rowCount status }
  }
`);

export const MY_RESOURCES = graphql(`
  query MyResources($agency: ID!) {
    dataResources(filter: { sourceAgencyIds: [$agency] }, first: 100) { edges { node { id code nameZh } } }
  }
`);
