import { badInput, connectionOf, forbidden, inScope, profilesFor, type RequestContext } from '@pdo/platform';
import { calendarOfProfile, todayInShanghai, type LocalDate } from '@pdo/policy';
import { firstApplicationDue } from '@pdo/registration';
import type { RegistrationRow, UnappliedRegistrationRow } from '../domain/registration.js';
import { loadRegistration, overdueRegistrationPage, registrationPage, toRegistrationRow, type RegistrationFilter } from '../data/registrations.js';
import { unappliedCandidates } from '../data/projections.js';
import { CATALOG_SCOPE } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';
import { clockOf } from './registration-steps.js';

type Ctx = RequestContext<CatalogLoaders>;
type Page = { first?: number | null; after?: string | null };

/** Registrations are public acts (public notice, RG Art 12): anyone reads them. */
export const registrationById = (ctx: Ctx, id: string) => loadRegistration(ctx.em, id);

export const registrations = (ctx: Ctx, input: { filter: RegistrationFilter; page: Page }) =>
  connectionOf(input.page, (win) => registrationPage(ctx.em, input.filter, win), toRegistrationRow);

/** The jurisdiction's registrations whose awaited step is past due (the caller's own jurisdiction, or any for national supervisors). */
export function overdueRegistrations(ctx: Ctx, input: { jurisdiction: string | null; page: Page }) {
  const j = input.jurisdiction ?? ctx.identity.jurisdiction;
  if (!j) throw badInput('须指定辖区', 'A jurisdiction is required', { field: 'jurisdiction' });
  if (!inScope(ctx.identity, { jurisdiction: j }, CATALOG_SCOPE)) throw forbidden('只能查看本辖区', 'Only your own jurisdiction');
  return connectionOf(input.page, (win) => overdueRegistrationPage(ctx.em, j, todayInShanghai(ctx.now), win), toRegistrationRow);
}

/** What the registration awaits today (overdue, renewal window), from the jurisdiction's profile. */
export async function registrationClock(ctx: Ctx, g: RegistrationRow) {
  return clockOf(await ctx.loaders.profile.load(g.jurisdiction), g, todayInShanghai(ctx.now));
}

/**
 * 应登未登: resources whose data has been provided under an access grant but for which no first registration was
 * ever applied, past RG's deadline (first application within the profile's working days after data is provided).
 * The due date needs the jurisdiction's working-day calendar, so candidates come from the database and the deadline
 * is applied here; candidates are bounded by the resources that have grants, and the page is cut after the deadline.
 */
export async function unappliedRegistrations(ctx: Ctx, input: { jurisdiction: string | null; page: Page }) {
  const id = ctx.identity;
  const j = input.jurisdiction ?? (id.jurisdiction === 'NATIONAL' ? null : id.jurisdiction);
  if (id.role !== 'SOURCE_UNIT' && id.jurisdiction !== 'NATIONAL') {
    if (!j) throw badInput('须指定辖区', 'A jurisdiction is required', { field: 'jurisdiction' });
    if (j !== id.jurisdiction) throw forbidden('只能查看本辖区', 'Only your own jurisdiction');
  }
  return connectionOf(input.page, async (win) => {
    const due = await pastDeadline(ctx, j);
    return { rows: due.slice(win.offset, win.offset + win.limit), totalCount: due.length };
  });
}

async function pastDeadline(ctx: Ctx, jurisdiction: string | null): Promise<UnappliedRegistrationRow[]> {
  const rows = await unappliedCandidates(ctx.em, ctx.identity, jurisdiction);
  const profiles = await profilesFor(ctx.em, rows.map((r) => r.jurisdiction));
  const today: LocalDate = todayInShanghai(ctx.now);
  const due: UnappliedRegistrationRow[] = [];
  for (const r of rows) {
    const profile = profiles.get(r.jurisdiction)!;
    const applicationDueOn = firstApplicationDue(profile, calendarOfProfile(profile), r.providedOn);
    if (applicationDueOn < today) due.push({ ...r, applicationDueOn, rule: profile.registration.source });
  }
  return due.sort((a, b) => a.applicationDueOn.localeCompare(b.applicationDueOn) || a.resourceId.localeCompare(b.resourceId));
}
