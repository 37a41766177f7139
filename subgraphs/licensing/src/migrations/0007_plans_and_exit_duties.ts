import { Migration } from '@pdo/platform';

/**
 * The implementation plan (实施方案) and the exit checklist (docs/policy/plans-and-exit.md).
 *
 * - implementation_plan: each version of a jurisdiction's plan, drafted, then approved by a collective decision
 *   (三重一大: date, body, reference) — or, for a change that is not major, kept under the approval it amends — and
 *   filed. At most one version is in force (APPROVED) and one is in draft per jurisdiction; approving a version
 *   supersedes the one in force. Versions are kept.
 * - agreement.plan_id: the plan in force when the agreement was signed.
 * - exit_duty: one confirmed item of an agreement's exit checklist, with its evidence and who confirmed it.
 */
export class Migration0007PlansAndExitDuties extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table implementation_plan (
        id uuid primary key,
        jurisdiction text not null,
        version integer not null check (version >= 1),
        title text not null check (length(title) between 1 and 200),
        summary text not null check (length(summary) between 1 and 4000),
        contents jsonb not null default '{}'::jsonb check (jsonb_typeof(contents) = 'object'),
        status text not null check (status in ('DRAFTED', 'APPROVED', 'SUPERSEDED')),
        amends_id uuid references implementation_plan(id),
        change_grounds text[] not null default '{}',
        change_note text,
        major_change boolean not null default true,
        drafted_by text not null,
        drafted_by_role text not null,
        drafted_on date not null,
        decided_on date,
        decision_body text,
        decision_ref text,
        approved_on date,
        approved_by text,
        filed_on date,
        filed_with text,
        profile_version integer not null,
        created_at timestamptz not null default now(),
        unique (jurisdiction, version),
        check (status = 'DRAFTED' or approved_on is not null),
        -- A first plan or a major change carries its own collective decision.
        check (status = 'DRAFTED' or not major_change or (decided_on is not null and length(decision_body) > 0 and length(decision_ref) > 0))
      );
      create unique index implementation_plan_in_force on implementation_plan (jurisdiction) where status = 'APPROVED';
      create unique index implementation_plan_draft on implementation_plan (jurisdiction) where status = 'DRAFTED';

      alter table agreement add column plan_id uuid references implementation_plan(id);

      create table exit_duty (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        item text not null check (item in ('PERMISSIONS_CLOSED', 'RETAINED_DATA_DELETED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED', 'EXIT_FILED')),
        done_on date not null,
        evidence text not null check (length(evidence) between 1 and 2000),
        document_hash text check (document_hash ~ '^[0-9a-f]{64}$'),
        successor_id uuid,
        filed_with text,
        confirmed_by text not null,
        confirmed_by_role text not null,
        created_at timestamptz not null default now(),
        unique (agreement_id, item),
        check (item <> 'TRANSFERRED_TO_SUCCESSOR' or successor_id is not null),
        check (item <> 'EXIT_FILED' or filed_with is not null)
      );
    `);
  }
}
