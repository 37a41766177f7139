import { graphql } from './gql';

/** A developer's signed webhooks (docs/operating-domain/webhooks.md): endpoints, the secret shown once, the delivery log. */
export const MY_WEBHOOK_ENDPOINTS = graphql(`
  query MyWebhookEndpoints($first: Int) {
    webhookEndpoints(first: $first) {
      totalCount
      edges { node { id url description eventTypes status createdAt rotatedAt previousSecretExpiresAt } }
    }
  }
`);

export const WEBHOOK_DELIVERIES = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id eventType status attempts lastResponseCode lastError nextAttemptAt deliveredAt createdAt } }
    }
  }
`);

export const CREATE_WEBHOOK_ENDPOINT = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { secret endpoint { id } }
  }
`);

export const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($input: WebhookEndpointRefInput!) {
    rotateWebhookSecret(input: $input) { secret endpoint { id rotatedAt } }
  }
`);

export const UPDATE_WEBHOOK_ENDPOINT = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) { id status }
  }
`);

export const SEND_TEST_WEBHOOK = graphql(`
  mutation SendTestWebhook($input: WebhookEndpointRefInput!) {
    sendTestWebhook(input: $input) { id status }
  }
`);
