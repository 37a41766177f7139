/** Audit records as the regulator browses them (pure: tested in test/lib.test.ts). */
import { todayInChina } from './format';

export interface AuditRow {
  seq: string;
  occurredAt: string;
  actorSub: string;
  actorRole: string;
  actorOrg: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: unknown;
  reason: string | null;
}

/**
 * Date (calendar days in Asia/Shanghai, inclusive) and actor (subject, role or organization id,
 * case-insensitive substring) filters on loaded records.
 */
export function filterAudit(rows: AuditRow[], f: { from: string | null; to: string | null; actor: string }): AuditRow[] {
  const who = f.actor.trim().toLowerCase();
  return rows.filter((r) => {
    const day = todayInChina(new Date(r.occurredAt));
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (who && ![r.actorSub, r.actorRole, r.actorOrg ?? ''].some((x) => x.toLowerCase().includes(who))) return false;
    return true;
  });
}

/** A change set as key → text pairs, nested objects as dotted keys, arrays joined (max 40 pairs). */
export function flattenChanges(changes: unknown, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (out.length >= 40) return out;
  if (changes === null || changes === undefined) {
    if (prefix) out.push([prefix, '']);
    return out;
  }
  if (Array.isArray(changes)) {
    if (changes.every((x) => x === null || typeof x !== 'object')) out.push([prefix || '—', changes.map(String).join('、')]);
    else changes.forEach((x, i) => flattenChanges(x, `${prefix}[${i}]`, out));
    return out;
  }
  if (typeof changes === 'object') {
    for (const [k, v] of Object.entries(changes as Record<string, unknown>)) flattenChanges(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.push([prefix || '—', String(changes)]);
  return out;
}
