import { Migration } from '@pdo/platform';

/**
 * Security duties (docs/policy/security-duties.md): emergency plans (应急处置预案) of operators and service providers
 * with their versions (JL §八(三); HN Art 8(三); ZJC §五(四) 一授权一预案), drills (应急演练), third-party security
 * assessments with findings and follow-up (TZ Art 27), and formal talks (约谈) as recorded supervisory acts
 * (HN Art 22; TZ Art 27). Dates are Shanghai calendar days (`date`).
 */
export class Migration0009SecurityDuties extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table emergency_plan (
        id uuid primary key,
        jurisdiction text not null,
        holder_org_id uuid not null,
        holder_kind text not null check (holder_kind in ('OPERATOR', 'SERVICE_PROVIDER')),
        -- one plan per authorization where the profile says so (ZJC 一授权一预案); otherwise optional
        agreement_id uuid,
        title text not null,
        current_version int not null check (current_version >= 1),
        status text not null check (status in ('ACTIVE', 'WITHDRAWN')),
        -- the next drill, from the last drill (or adoption) and the interval in force; null: no schedule
        next_drill_due_on date,
        created_by text not null,
        created_at timestamptz not null
      );
      create unique index emergency_plan_one_per_authorization on emergency_plan (agreement_id, holder_org_id) where agreement_id is not null and status = 'ACTIVE';
      create index emergency_plan_jurisdiction on emergency_plan (jurisdiction, holder_org_id);
      create index emergency_plan_drill_due on emergency_plan (jurisdiction, next_drill_due_on) where status = 'ACTIVE';
      create table emergency_plan_version (
        plan_id uuid not null references emergency_plan(id),
        version int not null,
        summary text not null,
        adopted_on date not null,
        -- the plan's own drill schedule (months), used where no text states an interval
        drill_every_months int check (drill_every_months between 1 and 120),
        recorded_by text not null,
        recorded_at timestamptz not null,
        primary key (plan_id, version)
      );
      create table emergency_drill (
        id uuid primary key,
        plan_id uuid not null references emergency_plan(id),
        plan_version int not null,
        held_on date not null,
        scenario text not null,
        findings text not null,
        recorded_by text not null,
        recorded_at timestamptz not null
      );
      create index emergency_drill_plan on emergency_drill (plan_id, held_on);
      create table security_assessment (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        assessor text not null,
        commissioned_on date not null,
        report_due_on date not null,
        status text not null check (status in ('COMMISSIONED', 'REPORTED', 'FOLLOWED_UP')),
        assessed_on date,
        risk_level text check (risk_level in ('LOW', 'SIGNIFICANT', 'MAJOR')),
        findings text,
        follow_up text,
        follow_up_due_on date,
        followed_up_on date,
        follow_up_result text,
        commissioned_by text not null,
        created_at timestamptz not null
      );
      create index security_assessment_jurisdiction on security_assessment (jurisdiction, operator_id);
      create table formal_talk (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        held_on date not null,
        talked_with text not null,
        conducted_by_org uuid,
        ground text not null,
        basis text not null,
        reason text not null,
        outcome text not null,
        rectification_due_on date,
        assessment_id uuid references security_assessment(id),
        recorded_by text not null,
        recorded_at timestamptz not null
      );
      create index formal_talk_jurisdiction on formal_talk (jurisdiction, operator_id, held_on);
    `);
  }
}
