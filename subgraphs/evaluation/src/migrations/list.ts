import { Migration0001Disclosure } from './0001_disclosure.js';
import { Migration0002Evaluation } from './0002_evaluation.js';
import { Migration0003ReportReviewer } from './0003_report_reviewer.js';
import { Migration0004SettlementPartyText } from './0004_settlement_party_text.js';
import { Migration0005DisclosureRecent } from './0005_disclosure_recent.js';
import { Migration0006ReportDueOnlyWhereSet } from './0006_report_due_only_where_set.js';
import { Migration0007ProjectionNames } from './0007_projection_names.js';
import { Migration0009SecurityDuties } from './0009_security_duties.js';
import { Migration0011PolicyProfileProjection } from './0011_policy_profile_projection.js';
import { Migration0012DisclosureCount } from './0012_disclosure_count.js';
import { Migration0013IncidentStopRule } from './0013_incident_stop_rule.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_disclosure', class: Migration0001Disclosure },
  { name: '0002_evaluation', class: Migration0002Evaluation },
  { name: '0003_report_reviewer', class: Migration0003ReportReviewer },
  { name: '0004_settlement_party_text', class: Migration0004SettlementPartyText },
  { name: '0005_disclosure_recent', class: Migration0005DisclosureRecent },
  { name: '0006_report_due_only_where_set', class: Migration0006ReportDueOnlyWhereSet },
  { name: '0007_projection_names', class: Migration0007ProjectionNames },
  { name: '0009_security_duties', class: Migration0009SecurityDuties },
  { name: '0011_policy_profile_projection', class: Migration0011PolicyProfileProjection },
  { name: '0012_disclosure_count', class: Migration0012DisclosureCount },
  { name: '0013_incident_stop_rule', class: Migration0013IncidentStopRule },
];
