import { EventPublisher, sql } from '@pdo/platform';
import type { TestStack } from '@pdo/testing';
import type { EventName } from '@pdo/events';

/** Events the catalog published, by name (read from the outbox queues; other subgraphs are not running). */
export async function published(stack: TestStack, name: EventName): Promise<any[]> {
  const rows = await sql<{ data: any }>(
    stack.em('catalog'),
    `select distinct on (data->>'id') data from pgboss.job where data->>'name' = $1 and data->>'producer' = 'catalog' order by data->>'id'`,
    [name],
  );
  return rows.map((r) => r.data);
}

/** Publishes a licensing event as licensing would, and waits until the catalog consumed it. */
export async function publishAsLicensing(stack: TestStack, name: EventName, payload: object, jurisdiction: string): Promise<void> {
  await publishManyAsLicensing(stack, [[name, payload, jurisdiction]]);
}

export async function publishManyAsLicensing(stack: TestStack, events: [EventName, object, string][]): Promise<void> {
  const rt = stack.runtimes.catalog!;
  const publisher = new EventPublisher(rt.boss, 'licensing');
  await rt.orm.em.fork().transactional(async (tx) => {
    for (const [name, payload, jurisdiction] of events) await publisher.publish(tx, name, payload, jurisdiction);
  });
  await stack.settle();
}

export const RESOURCE_FIELDS = `id code nameZh descriptionZh sector jurisdiction sourceAgency { id } version status registered
  classification grade openness prohibitedReason sharingConsent sharedFromAgency { id } updateFrequency recordCount lastDataUpdateAt
  fields { name type descriptionZh personalInformation sensitive }
  quality { completeness consistency accuracy timeliness }
  authorizability { authorizable reasons { code rule messageZh } } versionsCount openCorrectionsCount`;

export const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { ${RESOURCE_FIELDS} } }`;
export const EDIT = `mutation($input: EditDataResourceInput!) { editDataResource(input: $input) { ${RESOURCE_FIELDS} } }`;
export const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawDataResource(id: $id, reason: $reason) { id status version authorizability { authorizable reasons { code } } } }`;
