import { badInput, connectionOf, notFound, type PageArgs } from '@pdo/platform';
import { isJurisdictionCode } from '@pdo/policy';
import { canSee } from '../access.js';
import { factChangePage, getProposal, orgsByIds, organizationPage, proposalPage } from '../data/organizations.js';
import type { FactChangeRow, ProposalRow } from '../data/rows.js';
import { eligibilityOf } from '../domain/applications.js';
import { policyCall, today, type Ctx } from './checks.js';
import { loadProfile } from './profiles.js';
import { withIntegrity } from './integrity.js';

const withEvidence = <R extends { documentRef: string; documentDate: string; evidenceNote: string | null }>(r: R) => ({ ...r, evidence: { documentRef: r.documentRef, documentDate: r.documentDate, note: r.evidenceNote } });
/** A proposal as the API shows it: proposed persons by role and name (their keys stay inside). */
export const toProposal = (p: ProposalRow) => {
  const persons = (p.changes as { persons?: { role: string; name: string }[] }).persons;
  return withEvidence(persons ? { ...p, changes: { ...p.changes, persons: persons.map(({ role, name }) => ({ role, name })) } } : p);
};
const toFactChange = (r: FactChangeRow) => ({ ...withEvidence(r), recordedByOrganizationId: r.recordedByOrg });

/** Organizations by id, for the loader. */
export const organizationsByIds = orgsByIds;

export const organizations = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { jurisdiction?: string | null; kind?: string | null; search?: string | null } | null }) =>
  connectionOf(args, (win) => organizationPage(ctx.em, filter ?? {}, win));

export const organizationChangeProposals = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { organizationId?: string | null; status?: string | null } | null }) =>
  connectionOf(args, (win) => proposalPage(ctx.em, ctx.identity, filter ?? {}, win), toProposal);

export async function proposal(ctx: Ctx, id: string) {
  const p = await getProposal(ctx.em, id);
  return p ? toProposal(p) : null;
}

/** A party's fact history: the same visibility as the facts themselves (officials of the jurisdiction and the party). */
export async function organizationFactHistory(ctx: Ctx, input: { organizationId: string; args: PageArgs }) {
  const org = await ctx.loaders.byId.load(input.organizationId);
  if (!org || !canSee(ctx.identity, org, org.id)) throw notFound('主体', 'Organization', input.organizationId);
  return connectionOf(input.args, (win) => factChangePage(ctx.em, org.id, win), toFactChange);
}

/**
 * Eligibility of a party under a jurisdiction's current profile, criterion by criterion — with the integrity criteria
 * (`integrityChecks`: JL §三(二); TZ Art 12(3); QHD §三(二)1(1)) the application and the signing are judged by, so what
 * the party sees here is what it will be refused on. One party per call: the integrity part adds two statements (persons,
 * records) whatever their number (four in all, subgraphs/licensing/test/selection-integrity.test.ts).
 */
export async function eligibilityCheck(ctx: Ctx, input: { organizationId: string; jurisdiction: string }) {
  const { organizationId, jurisdiction } = input;
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
  const org = await ctx.loaders.byId.load(organizationId);
  if (!org || (!canSee(ctx.identity, { jurisdiction }, org.id) && !canSee(ctx.identity, org, org.id))) throw notFound('主体', 'Organization', organizationId);
  const { profile, version } = await loadProfile(ctx.em, jurisdiction);
  return withIntegrity(ctx.em, profile, org, policyCall(() => eligibilityOf(profile, version, org, today(ctx))));
}
