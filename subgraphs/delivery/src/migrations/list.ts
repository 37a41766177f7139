import { Migration0001Delivery } from './0001_delivery.js';
import { Migration0002RawStore } from './0002_raw_store.js';
import { Migration0003OperatingDomain } from './0003_operating_domain.js';
import { Migration0004Sandbox } from './0004_sandbox.js';
import { Migration0005DataPlane } from './0005_data_plane.js';
import { Migration0006MeteringOutbox } from './0006_metering_outbox.js';
import { Migration0007LookupKeys } from './0007_lookup_keys.js';
import { Migration0008Webhooks } from './0008_webhooks.js';
import { Migration0010DropRateLimitBucket } from './0010_drop_rate_limit_bucket.js';
import { Migration0011SealedWebhookSecrets } from './0011_sealed_webhook_secrets.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_delivery', class: Migration0001Delivery },
  { name: '0002_raw_store', class: Migration0002RawStore },
  { name: '0003_operating_domain', class: Migration0003OperatingDomain },
  { name: '0004_sandbox', class: Migration0004Sandbox },
  { name: '0005_data_plane', class: Migration0005DataPlane },
  { name: '0006_metering_outbox', class: Migration0006MeteringOutbox },
  { name: '0007_lookup_keys', class: Migration0007LookupKeys },
  { name: '0008_webhooks', class: Migration0008Webhooks },
  { name: '0010_drop_rate_limit_bucket', class: Migration0010DropRateLimitBucket },
  { name: '0011_sealed_webhook_secrets', class: Migration0011SealedWebhookSecrets },
];
