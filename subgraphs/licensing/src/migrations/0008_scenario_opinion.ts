import { Migration } from '@pdo/platform';

/**
 * Industry departments' opinions on a scenario's data request (JL §五5: 实施机构会同行业主管部门审核申请;
 * docs/policy/profile-settings.md, `industryDepartments`): one opinion per department and scenario, kept as given.
 */
export class Migration0008ScenarioOpinion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table scenario_opinion (
        id uuid primary key,
        scenario_id uuid not null references scenario(id),
        jurisdiction text not null,
        department_org_id uuid not null,
        supports boolean not null,
        opinion text not null,
        given_by text not null,
        given_at timestamptz not null,
        unique (scenario_id, department_org_id)
      );
    `);
  }
}
