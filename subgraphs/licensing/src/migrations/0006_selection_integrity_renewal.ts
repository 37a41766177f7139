import { Migration } from '@pdo/platform';

/**
 * Selection, eligibility and renewal as the seeds state them (docs/policy/selection-and-renewal.md):
 *
 * - organization_person: who stands behind a company — its legal representative, executives and controlling
 *   shareholders — as recorded by an official from a document (business licence, register extract). A new recording
 *   ends the earlier rows (ended_at), it never overwrites them.
 * - integrity_record: a dishonesty-list entry, penalty or criminal record an authority loaded, with its source and
 *   date, filed under a SHA-256 key of the subject's credit code or identity number (the number itself is not kept);
 *   integrity_record_lifting: the day a record stopped being in force, with its source. Both append-only.
 * - operation_call.invitees: the companies invited to an invited tender (邀请招标); others may not apply.
 * - expert_review.criterion_scores / weighted_score: an expert scores each criterion of the call's scoring rules; the
 *   weighted total (4 decimals, exact) ranks the applications.
 * - operator_application.renews_agreement_id: a re-application for renewal (TZ Art 17; ZJC) has no call; it names the
 *   agreement it would succeed. call_id is then null.
 * - operator_evaluation_projection: evaluation's finalized operator evaluations (OperatorEvaluationFinalized), which
 *   the reviewers of a re-application see (TZ Art 28).
 */
export class Migration0006SelectionIntegrityRenewal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization_person (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        jurisdiction text not null,
        role text not null check (role in ('LEGAL_REPRESENTATIVE', 'EXECUTIVE', 'CONTROLLING_SHAREHOLDER')),
        name text not null check (length(name) between 1 and 200),
        subject_key text not null check (subject_key ~ '^[0-9a-f]{64}$'),
        document_ref text not null check (length(document_ref) between 1 and 200),
        document_date date not null,
        recorded_by text not null,
        recorded_at timestamptz not null,
        ended_at timestamptz
      );
      create index organization_person_current_idx on organization_person (organization_id) where ended_at is null;

      create table integrity_record (
        id uuid primary key,
        seq bigint generated always as identity unique,
        jurisdiction text not null,
        subject_key text not null check (subject_key ~ '^[0-9a-f]{64}$'),
        subject_name text not null check (length(subject_name) between 1 and 200),
        kind text not null check (kind in ('DISHONEST_DEBTOR', 'MAJOR_TAX_VIOLATION', 'SERIOUS_DISHONESTY', 'SERIOUS_PENALTY', 'CRIMINAL_RECORD')),
        effective_on date not null,
        source text not null check (length(source) between 1 and 200),
        source_date date not null,
        note text,
        recorded_by text not null,
        recorded_by_org uuid,
        recorded_at timestamptz not null
      );
      create index integrity_record_subject_idx on integrity_record (subject_key);

      create table integrity_record_lifting (
        record_id uuid primary key references integrity_record(id),
        lifted_on date not null,
        source text not null check (length(source) between 1 and 200),
        recorded_by text not null,
        recorded_at timestamptz not null
      );

      create function licensing_integrity_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'P0001';
      end
      $fn$;
      create trigger integrity_record_append_only before update or delete on integrity_record
        for each row execute function licensing_integrity_append_only();
      create trigger integrity_record_no_truncate before truncate on integrity_record
        for each statement execute function licensing_integrity_append_only();
      create trigger integrity_record_lifting_append_only before update or delete on integrity_record_lifting
        for each row execute function licensing_integrity_append_only();
      create trigger integrity_record_lifting_no_truncate before truncate on integrity_record_lifting
        for each statement execute function licensing_integrity_append_only();

      alter table operation_call add column invitees uuid[] not null default '{}';
      alter table operation_call add constraint operation_call_invitees_check check ((selection_method = 'INVITED_TENDER') = (cardinality(invitees) > 0)) not valid;

      alter table expert_review add column criterion_scores jsonb not null default '[]';
      alter table expert_review add column weighted_score numeric(7,4);
      update expert_review set weighted_score = score;
      alter table expert_review alter column weighted_score set not null;

      alter table operator_application alter column call_id drop not null;
      alter table operator_application add column renews_agreement_id uuid references agreement(id);
      alter table operator_application add constraint operator_application_call_or_renewal check ((call_id is null) = (renews_agreement_id is not null));
      create unique index operator_application_renewal_idx on operator_application (renews_agreement_id) where status <> 'REJECTED';

      create table operator_evaluation_projection (
        evaluation_id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid,
        year integer not null,
        total text not null,
        conclusion text not null,
        finalized_at timestamptz not null
      );
      create index operator_evaluation_projection_operator_idx on operator_evaluation_projection (operator_id, year desc);
    `);
  }
}
