import { Migration } from '@pdo/platform';

/**
 * Handlers now publish their follow-up events in their own transaction (platform
 * EventHandlerContext), so the local pending_event queue and its relay job are gone.
 *
 * A listing can be held for several independent reasons at once — the authorization suspended,
 * one access grant paused, a security incident — and must only resume when the last one is lifted.
 * Each reason is one product_hold row keyed by its source; the listing / entitlement status is
 * recomputed from the remaining holds (data/holds.ts).
 */
export class Migration0002ProductHold extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      drop table if exists pending_event;

      create table product_hold (
        product_id uuid not null references data_product(id),
        -- 'AGREEMENT:<agreementId>' | 'GRANT:<grantId>' | 'INCIDENT:<incidentId>'
        source text not null,
        kind text not null check (kind in ('AGREEMENT_SUSPENDED', 'ACCESS_REVOKED', 'SECURITY_INCIDENT')),
        reason text not null,
        since timestamptz not null,
        primary key (product_id, source)
      );
      create index product_hold_source on product_hold (source);

      -- Incidents seen, so a closure that overtakes its report is not undone by the late report.
      create table incident_view (
        id uuid primary key,
        jurisdiction text not null,
        stop_processing boolean not null default false,
        product_ids uuid[] not null default '{}',
        reported_at timestamptz,
        closed_at timestamptz
      );

      -- Listings suspended with their authorization before holds existed keep resuming with it.
      insert into product_hold (product_id, source, kind, reason, since)
        select id, 'AGREEMENT:' || agreement_id, 'AGREEMENT_SUSPENDED', listing_reason, updated_at
          from data_product where listing_status = 'SUSPENDED' and listing_reason like 'AGREEMENT_SUSPENDED%'
        on conflict do nothing;
    `);
  }
}
