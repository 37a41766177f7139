import { Migration } from '@pdo/platform';

/**
 * The development environment (开发处理环境, HN Art 3) with output review (成果审核;
 * docs/operating-domain/sandbox.md):
 * - sandbox_job: a developer's analysis query over its product's resources, analysed like a recipe
 *   (row-level output refused), run by the executor, aggregates noised; its result waits for
 *   review and leaves (as CSV) only when RELEASED. The query, group sizes and flags are what the
 *   reviewer sees; a refused result never leaves.
 * - privacy_budget_charge: the ε spent per usage agreement and calendar month, append-only; the
 *   sum is checked against the profile's budget before a job runs (BUDGET_EXHAUSTED).
 */
export class Migration0004Sandbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table sandbox_job (
        id uuid primary key,
        entitlement_id uuid not null,
        usage_agreement_id uuid not null,
        product_id uuid not null,
        version int not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        sql text not null,
        sql_sha256 text not null,
        analysis jsonb not null,
        epsilon_micro bigint not null,
        sensitivity int not null,
        charged_micro bigint not null,
        columns jsonb not null,
        result jsonb not null,
        group_sizes jsonb not null,
        suppressed_groups int not null,
        truncated boolean not null,
        rows_read int not null,
        duration_ms int not null,
        flags text[] not null default '{}',
        reviewer_role text not null,
        status text not null,
        submitted_by text not null,
        submitted_at timestamptz not null,
        reviewed_by text,
        reviewed_at timestamptz,
        review_note text,
        constraint sandbox_job_status_ck check (status in ('PENDING_REVIEW', 'RELEASED', 'REFUSED')),
        constraint sandbox_job_reviewer_ck check (reviewer_role in ('OPERATOR', 'AGENCY'))
      );
      create index sandbox_job_developer on sandbox_job (developer_id, submitted_at desc);
      create index sandbox_job_review on sandbox_job (jurisdiction, status, submitted_at);
      create index sandbox_job_operator on sandbox_job (operator_id, status, submitted_at);

      create table privacy_budget_charge (
        id uuid primary key,
        usage_agreement_id uuid not null,
        period text not null,
        job_id uuid not null references sandbox_job(id),
        micro_epsilon bigint not null check (micro_epsilon > 0),
        charged_at timestamptz not null
      );
      create index privacy_budget_charge_agreement on privacy_budget_charge (usage_agreement_id, period);
      create trigger privacy_budget_charge_no_delete before delete on privacy_budget_charge for each row execute function delivery_refuse_delete();
    `);
  }
}
