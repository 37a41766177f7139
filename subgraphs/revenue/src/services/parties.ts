import { badInput, DomainError, type Em } from '@pdo/platform';
import { orgKinds } from '../data/statements.js';

/** A party named by input: its kind as the ledger knows it and its id. */
export interface NamedParty {
  kind: string;
  id: string;
  /** Input path of the line that names it, for the error. */
  field: string;
}

/**
 * Every party named by input must exist: an organisation of revenue's projection of the registry (fed by licensing's
 * OrganizationRegistered) of the kind the input says, or — for the JURISDICTION kind — the ledger's own
 * jurisdiction. Ids are compared as stored (lower-case uuids), so one party never gets two accounts by spelling.
 * Otherwise NOT_FOUND (or BAD_USER_INPUT for an organisation of another kind), before anything is written: a ledger
 * account for nobody could never be settled or paid out.
 */
export async function requireKnownParties(em: Em, jurisdiction: string, parties: NamedParty[]): Promise<void> {
  for (const p of parties) {
    if (p.kind === 'JURISDICTION' && p.id !== jurisdiction) throw unknownParty(p);
  }
  const orgs = parties.filter((p) => p.kind !== 'JURISDICTION');
  if (orgs.length === 0) return;
  const rows = await orgKinds(em, [...new Set(orgs.map((p) => p.id))]);
  const known = new Map(rows.map((r) => [r.id, r.kinds]));
  for (const p of orgs) {
    const kinds = known.get(p.id);
    if (!kinds) throw unknownParty(p);
    if (!kinds.includes(p.kind)) {
      throw badInput(`单位 ${p.id} 的类别不是 ${p.kind}`, `Organization ${p.id} is not a ${p.kind}`, { field: p.field, details: { partyId: p.id, partyKind: p.kind, kinds } });
    }
  }
}

const unknownParty = (p: NamedParty) =>
  new DomainError('NOT_FOUND', `当事方不存在：${p.kind} ${p.id}`, `No such party: ${p.kind} ${p.id}`, { field: p.field, details: { partyKind: p.kind, partyId: p.id } });
