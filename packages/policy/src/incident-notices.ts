/**
 * Which data security incidents the holder must also report to the cyberspace (网信) authority
 * (docs/policy/security-duties.md, "Incidents"). HN Art 18 requires it for a leak, loss, tampering or destruction
 * (毁损); no other seed text states such a notice, so elsewhere the value is "not regulated" and the platform requires
 * none (the incident is still reported within the platform). Whether risky linkage stops processing is `linkageStop`.
 */
export const NOTIFIABLE_INCIDENT_TYPES = ['DATA_LEAK', 'DATA_LOSS', 'TAMPERING', 'DATA_DESTRUCTION'] as const;
export type NotifiableIncidentType = (typeof NOTIFIABLE_INCIDENT_TYPES)[number];

export interface CyberspaceNotice {
  /** The incident types reported to the cyberspace authority; empty where no text requires a notice. */
  incidentTypes: NotifiableIncidentType[];
}

type Sourced<T> = { value: T; source: string };
const s = (value: CyberspaceNotice, source: string): Sourced<CyberspaceNotice> => ({ value, source });

/** The national value and each seed's own (null: the seed sets nothing, the national value applies). */
export const CYBERSPACE_NOTICE = {
  NATIONAL: s({ incidentTypes: [] }, 'platform default: not regulated'),
  HN: s({ incidentTypes: ['DATA_LEAK', 'DATA_LOSS', 'TAMPERING', 'DATA_DESTRUCTION'] }, 'HN Art 18: a leak, loss, tampering or destruction (毁损) of data is also reported to the cyberspace (网信) authority'),
  JL: null,
  QHD: null,
  TZ: null,
  ZJC: null,
} satisfies Record<string, Sourced<CyberspaceNotice> | null>;

/** Shape of an authority's edit; the name of the bad field, or null. */
export function invalidCyberspaceNotice(v: unknown): string | null {
  const types = (v as { incidentTypes?: unknown } | null)?.incidentTypes;
  if (!Array.isArray(types) || types.some((t) => !(NOTIFIABLE_INCIDENT_TYPES as readonly unknown[]).includes(t)) || new Set(types).size !== types.length) return 'cyberspaceNotice.incidentTypes';
  return null;
}
