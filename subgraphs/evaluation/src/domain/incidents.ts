import type { EvaluationEvents } from '@pdo/events';

type IncidentType = EvaluationEvents.IncidentType;

/**
 * What an incident type obliges (HN Art 18; docs/policy/incidents.md). The profile has no incident
 * setting, so the obligations are the seed rules, each with its citation.
 * - risky data linkage: stop processing in the affected scope at once and report (HN Art 18); a leak,
 *   loss or tampering does not by itself stop processing — no text says so;
 * - leak, loss or tampering: also report to the cyberspace (网信) authority (HN Art 18);
 * - report at the first moment (TZ Art 26): the delay is recorded, never allowed to be negative.
 */
export function incidentObligations(type: IncidentType): { stopProcessing: boolean; stopRule: string | null; notifyCyberspace: boolean; notifyRule: string | null } {
  const stop = type === 'RISKY_LINKAGE';
  const notify = type === 'DATA_LEAK' || type === 'DATA_LOSS' || type === 'TAMPERING';
  return {
    stopProcessing: stop,
    stopRule: stop ? 'HN Art 18: risky data linkage stops processing' : null,
    notifyCyberspace: notify,
    notifyRule: notify ? 'HN Art 18' : null,
  };
}
