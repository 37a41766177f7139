import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import { camel, camelAll, type FactChangeRow, type FactEvidence, type OrgRow, type ProposalRow, type ProposalStatus } from './rows.js';
import { db, jsonb } from './tables.js';

type Window = { limit: number; offset: number };
/** The facts columns of an organization (what registration and recording write). */
export type Facts = Pick<OrgRow, 'name' | 'nameEn' | 'creditCode' | 'foundedOn' | 'taxGrades' | 'penalties' | 'dishonestListEntries' | 'securityIncidents' | 'mlps3Experience' | 'commercialCryptoExperience' | 'securityDepartment' | 'securityHead'>;

export async function getOrg(em: Em, id: string, lock = false): Promise<OrgRow | null> {
  let q = db(em).selectFrom('organization').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? camel(row) : null;
}

export async function orgsByIds(em: Em, ids: readonly string[]): Promise<OrgRow[]> {
  return camelAll(await db(em).selectFrom('organization').selectAll().where('id', 'in', ids).execute());
}

/** What OrganizationRegistered carries, for every organization (the snapshots published again: services/republish.ts). */
export async function organizationSnapshots(em: Em) {
  return db(em).selectFrom('organization').select(['id', 'jurisdiction', 'name', 'name_en', 'kinds', 'credit_code']).orderBy('id').execute();
}

/** The public directory, by name; `search` matches the Chinese or English name (LIKE wildcards escaped). */
export async function organizationPage(em: Em, filter: { jurisdiction?: string | null; kind?: string | null; search?: string | null }, window: Window) {
  const k = db(em);
  let q = k.selectFrom('organization').selectAll().orderBy('name').orderBy('id');
  if (filter.jurisdiction) q = q.where('jurisdiction', '=', filter.jurisdiction);
  if (filter.kind) q = q.where((eb) => eb(eb.val(filter.kind!), '=', eb.fn.any('kinds')));
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('name_en', 'ilike', like)]));
  }
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows), totalCount: page.totalCount };
}

export async function insertOrganization(em: Em, o: { id: string; jurisdiction: string; kinds: string[]; facts: Facts; at: string }): Promise<void> {
  await db(em)
    .insertInto('organization')
    .values({ id: o.id, jurisdiction: o.jurisdiction, kinds: o.kinds, created_at: o.at, ...factColumns(o.facts, o.at) })
    .execute();
}

export async function writeFacts(em: Em, id: string, f: Facts, at: string): Promise<void> {
  await db(em).updateTable('organization').set(factColumns(f, at)).where('id', '=', id).execute();
}

function factColumns(f: Facts, at: string) {
  return {
    name: f.name,
    name_en: f.nameEn,
    credit_code: f.creditCode,
    founded_on: f.foundedOn,
    tax_grades: jsonb(f.taxGrades),
    penalties: jsonb(f.penalties),
    dishonest_list_entries: jsonb(f.dishonestListEntries),
    security_incidents: jsonb(f.securityIncidents),
    mlps3_experience: f.mlps3Experience,
    commercial_crypto_experience: f.commercialCryptoExperience,
    security_department: f.securityDepartment,
    security_head: f.securityHead,
    updated_at: at,
  };
}

/** Another organization holding this credit code, if any. */
export async function creditCodeHolder(em: Em, code: string, selfId: string | null): Promise<string | null> {
  let q = db(em).selectFrom('organization').select('id').where('credit_code', '=', code);
  if (selfId) q = q.where('id', '<>', selfId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function setSecurityIncidents(em: Em, id: string, incidents: OrgRow['securityIncidents'], at: string): Promise<void> {
  await db(em).updateTable('organization').set({ security_incidents: jsonb(incidents), updated_at: at }).where('id', '=', id).execute();
}

export interface FactChangeInput {
  id: string;
  organizationId: string;
  jurisdiction: string;
  kind: FactChangeRow['kind'];
  fields: string[];
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
  evidence: FactEvidence;
  recordedBy: { sub: string; role: string; org: string | null };
  recordedAt: string;
  proposalId?: string | null;
}

/** One row of a party's fact history (append-only table). */
export async function insertFactChange(em: Em, c: FactChangeInput): Promise<void> {
  await db(em)
    .insertInto('organization_fact_change')
    .values({
      id: c.id,
      organization_id: c.organizationId,
      jurisdiction: c.jurisdiction,
      kind: c.kind,
      fields: c.fields,
      old_values: jsonb(c.oldValues),
      new_values: jsonb(c.newValues),
      document_ref: c.evidence.documentRef,
      document_date: c.evidence.documentDate,
      evidence_note: c.evidence.note,
      recorded_by: c.recordedBy.sub,
      recorded_by_role: c.recordedBy.role,
      recorded_by_org: c.recordedBy.org,
      recorded_at: c.recordedAt,
      proposal_id: c.proposalId ?? null,
    })
    .execute();
}

export async function factChangePage(em: Em, organizationId: string, window: Window) {
  const k = db(em);
  const q = k.selectFrom('organization_fact_change').selectAll().where('organization_id', '=', organizationId).orderBy('seq', 'desc');
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as FactChangeRow[], totalCount: page.totalCount };
}

export async function getProposal(em: Em, id: string, lock = false): Promise<ProposalRow | null> {
  let q = db(em).selectFrom('organization_fact_proposal').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as ProposalRow) : null;
}

export async function insertProposal(
  em: Em,
  p: { id: string; organizationId: string; jurisdiction: string; changes: Record<string, unknown>; evidence: FactEvidence; by: { sub: string; role: string; org: string }; at: string },
): Promise<void> {
  await db(em)
    .insertInto('organization_fact_proposal')
    .values({
      id: p.id,
      organization_id: p.organizationId,
      jurisdiction: p.jurisdiction,
      changes: jsonb(p.changes),
      document_ref: p.evidence.documentRef,
      document_date: p.evidence.documentDate,
      evidence_note: p.evidence.note,
      status: 'PENDING',
      proposed_by: p.by.sub,
      proposed_by_role: p.by.role,
      proposed_by_org: p.by.org,
      proposed_at: p.at,
    })
    .execute();
}

export async function decideProposal(em: Em, id: string, d: { status: ProposalStatus; by: { sub: string; role: string; org: string | null }; at: string; reason: string | null }): Promise<void> {
  await db(em)
    .updateTable('organization_fact_proposal')
    .set({ status: d.status, decided_by: d.by.sub, decided_by_role: d.by.role, decided_by_org: d.by.org, decided_at: d.at, decision_reason: d.reason })
    .where('id', '=', id)
    .execute();
}

/** Proposals the caller may see (officials: their jurisdiction's; any caller: its own organization's), newest first. */
export async function proposalPage(em: Em, identity: Identity, filter: { organizationId?: string | null; status?: string | null }, window: Window) {
  const k = db(em);
  let q = k
    .selectFrom('organization_fact_proposal')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['organization_id'] }))
    .orderBy('seq', 'desc');
  if (filter.organizationId) q = q.where('organization_id', '=', filter.organizationId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as ProposalRow[], totalCount: page.totalCount };
}
