import type { EvaluationEvents } from '@pdo/events';

type IncidentType = EvaluationEvents.IncidentType;

type SourcedPart<T> = { value: T; source: string };

/**
 * What an incident type obliges (docs/policy/security-duties.md), each with its citation from the profile.
 * - risky data linkage stops processing in the affected scope at once and is reported to the bodies the profile's
 *   `linkageStop` names, only where a text says so (HN Art 18; ZJC §三(五)6); elsewhere it is recorded and reported
 *   within the platform and stops nothing. A leak, loss or tampering never stops processing by itself — no text says so;
 * - the types the profile's `cyberspaceNotice` lists (HN Art 18: leak, loss, tampering, destruction 毁损) are also
 *   reported to the cyberspace (网信) authority; where no text requires it (the other seeds) no notice is required;
 * - where the profile says so (`securityDuties.incidentActivatesPlan`, JL §八(三)), a leak, destruction or loss
 *   activates the holder's emergency plan: the incident cannot close before the activation is recorded;
 * - report at the first moment (TZ Art 26): the delay is recorded, never allowed to be negative.
 */
export function incidentObligations(
  type: IncidentType,
  notice: SourcedPart<{ incidentTypes: readonly string[] }>,
  linkage: SourcedPart<{ stopsProcessing: boolean; reportTo: readonly string[] }>,
): { stopProcessing: boolean; stopRule: string | null; reportTo: string[]; notifyCyberspace: boolean; notifyRule: string | null } {
  const stop = type === 'RISKY_LINKAGE' && linkage.value.stopsProcessing;
  const notify = notice.value.incidentTypes.includes(type);
  return {
    stopProcessing: stop,
    stopRule: stop ? linkage.source : null,
    reportTo: stop ? [...linkage.value.reportTo] : [],
    notifyCyberspace: notify,
    notifyRule: notify ? notice.source : null,
  };
}

/** Whether the incident obliges activating the emergency plan, and the rule (null where the profile does not say so). */
export function planActivationRule(type: IncidentType, duties: { value: { incidentActivatesPlan: boolean }; source: string }): string | null {
  const covered = type === 'DATA_LEAK' || type === 'DATA_DESTRUCTION' || type === 'DATA_LOSS';
  return covered && duties.value.incidentActivatesPlan ? duties.source : null;
}

/**
 * Anyone signed in may report what they see; stopping processing follows only from the report of those who answer
 * for the scope — the operator concerned or an official of the jurisdiction — so a report by a developer or another
 * party cannot pause a jurisdiction's grants on its own (an official re-reports to stop).
 */
export function answersForScope(role: string, org: string | null, operatorId: string | null): boolean {
  return role === 'AUTHORITY' || role === 'AGENCY' || (role === 'OPERATOR' && org === operatorId);
}

/** Minutes from occurrence to report (report at the first moment, TZ Art 26); never negative. */
export const reportingDelayMinutes = (occurredAt: string | Date, reportedAt: string | Date) =>
  Math.max(0, Math.round((new Date(reportedAt).getTime() - new Date(occurredAt).getTime()) / 60000));

/** Actions on an incident are recorded by the authority of its jurisdiction or the operator concerned. */
export function mayRecordAction(identity: { role: string; org: string | null; jurisdiction: string | null }, incident: { jurisdiction: string; operatorId: string | null }): boolean {
  return (identity.role === 'AUTHORITY' && identity.jurisdiction === incident.jurisdiction) || (identity.role === 'OPERATOR' && !!identity.org && identity.org === incident.operatorId);
}
