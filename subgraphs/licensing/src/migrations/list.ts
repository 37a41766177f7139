import { Migration0001Organization } from './0001_organization.js';
import { Migration0002Licensing } from './0002_licensing.js';
import { Migration0003DropDeferredEvent } from './0003_drop_deferred_event.js';
import { Migration0004OrganizationFacts } from './0004_organization_facts.js';
import { Migration0005ScenarioReviewDueOptional } from './0005_scenario_review_due_optional.js';
import { Migration0006SelectionIntegrityRenewal } from './0006_selection_integrity_renewal.js';
import { Migration0007PlansAndExitDuties } from './0007_plans_and_exit_duties.js';
import { Migration0008ScenarioOpinion } from './0008_scenario_opinion.js';
import { Migration0009ReturnedDataConsent } from './0009_returned_data_consent.js';
import { Migration0010EmergencyPlansAndKeyedDigests } from './0010_emergency_plans_and_keyed_digests.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_organization', class: Migration0001Organization },
  { name: '0002_licensing', class: Migration0002Licensing },
  { name: '0003_drop_deferred_event', class: Migration0003DropDeferredEvent },
  { name: '0004_organization_facts', class: Migration0004OrganizationFacts },
  { name: '0005_scenario_review_due_optional', class: Migration0005ScenarioReviewDueOptional },
  { name: '0006_selection_integrity_renewal', class: Migration0006SelectionIntegrityRenewal },
  { name: '0007_plans_and_exit_duties', class: Migration0007PlansAndExitDuties },
  { name: '0008_scenario_opinion', class: Migration0008ScenarioOpinion },
  { name: '0009_returned_data_consent', class: Migration0009ReturnedDataConsent },
  { name: '0010_emergency_plans_and_keyed_digests', class: Migration0010EmergencyPlansAndKeyedDigests },
];
