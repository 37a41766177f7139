import type { EvaluationEvents } from '@pdo/events';

type IncidentType = EvaluationEvents.IncidentType;

/**
 * What an incident type obliges (POLICY.md §5 "Incidents"). The profile has no incident setting,
 * so the obligations are the national/seed rules, each with its citation.
 * - risky linkage or a leak: stop processing in the affected scope at once;
 * - leak, loss or tampering: also report to the cyberspace (网信) authority (HN Art 18);
 * - report at the first moment (TZ Art 26): the delay is recorded, never allowed to be negative.
 */
export function incidentObligations(type: IncidentType): { stopProcessing: boolean; stopRule: string | null; notifyCyberspace: boolean; notifyRule: string | null } {
  const stop = type === 'RISKY_LINKAGE' || type === 'DATA_LEAK';
  const notify = type === 'DATA_LEAK' || type === 'DATA_LOSS' || type === 'TAMPERING';
  return {
    stopProcessing: stop,
    stopRule: stop ? 'POLICY §5 Incidents: risky linkage / leak stops processing' : null,
    notifyCyberspace: notify,
    notifyRule: notify ? 'HN Art 18' : null,
  };
}
