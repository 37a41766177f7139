import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, inScope, inTransaction, PageArgs, pageRows, pageWindow, requireRole, toConnection, type RequestContext } from '@pdo/platform';
import type { RegistrationAction, RegistrationType } from '@pdo/registration';
import type { CatalogLoaders } from '../loaders/index.js';
import { CATALOG_SCOPE, canSee, todayOf } from '../domain/access.js';
import { unappliedRegistrations, type UnappliedRegistrationRow } from '../domain/unapplied-registrations.js';
import { applyRegistration, clockOf, loadRegistration, REGISTRATION_COLUMNS, transitionRegistration, type RegistrationRow } from '../domain/registration-service.js';
import {
  ApplyResourceRegistrationInput,
  CatalogUnappliedRegistration,
  CatalogUnappliedRegistrationConnection,
  DataResource,
  Organization,
  ResourceRegistration,
  ResourceRegistrationAction,
  ResourceRegistrationConnection,
  ResourceRegistrationFilter,
  ResourceRegistrationStep,
} from './types.js';

type Ctx = RequestContext<CatalogLoaders>;

/** Contributes the registration view to the resource (kept here, next to the registration types). */
@Resolver(() => DataResource)
export class DataResourceRegistrationFields {
  @FieldResolver(() => ResourceRegistration, { nullable: true, description: '最近一次资源登记 | The latest registration of the resource' })
  latestRegistration(@Root() r: { id: string }, @Ctx() ctx: Ctx) {
    return ctx.loaders.latestRegistration.load(r.id);
  }
}

@Resolver(() => ResourceRegistration)
export class ResourceRegistrationResolver {
  @Query(() => ResourceRegistration, { nullable: true, description: '资源登记 | A resource registration' })
  async resourceRegistration(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return loadRegistration(ctx.em, id);
  }

  @Query(() => ResourceRegistrationConnection, { description: '资源登记列表 | Resource registrations' })
  async resourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ResourceRegistrationFilter, { nullable: true }) filter: ResourceRegistrationFilter | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(page);
    const params: unknown[] = [];
    const conds: string[] = ['true'];
    if (filter?.resourceId) conds.push(`g.resource_id::text = $${params.push(filter.resourceId)}`);
    if (filter?.jurisdiction) conds.push(`g.jurisdiction = $${params.push(filter.jurisdiction)}`);
    if (filter?.states?.length) conds.push(`g.state = any($${params.push(filter.states)}::text[])`);
    return this.page(ctx, conds.join(' and '), params, win, 'g.updated_at desc, g.id');
  }

  @Query(() => ResourceRegistrationConnection, { description: '逾期登记事项（按到期日）| Registrations past the due date of their awaited step' })
  async overdueResourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('jurisdiction', () => String, { nullable: true }) jurisdiction: string | null, @Ctx() ctx: Ctx) {
    requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
    const j = jurisdiction ?? ctx.identity.jurisdiction;
    if (!j) throw badInput('须指定辖区', 'A jurisdiction is required', { field: 'jurisdiction' });
    if (!inScope(ctx.identity, { jurisdiction: j }, CATALOG_SCOPE)) throw forbidden('只能查看本辖区', 'Only your own jurisdiction');
    const win = pageWindow(page);
    return this.page(ctx, `g.jurisdiction = $1 and g.due_on < $2::date and g.state not in ('REJECTED','CANCELLED','TERMINATED','REVOKED')`, [j, todayOf(ctx.now)], win, 'g.due_on, g.id');
  }

  @Query(() => CatalogUnappliedRegistrationConnection, {
    description: '已提供数据但逾期未申请首次登记（RG：数据提供后 20 个工作日内申请）| Resources whose data was provided but never applied for registration, past the deadline',
  })
  async unappliedResourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('jurisdiction', () => String, { nullable: true }) jurisdiction: string | null, @Ctx() ctx: Ctx) {
    const id = ctx.identity;
    const j = jurisdiction ?? (id.jurisdiction === 'NATIONAL' ? null : id.jurisdiction);
    if (id.role !== 'SOURCE_UNIT' && id.jurisdiction !== 'NATIONAL') {
      if (!j) throw badInput('须指定辖区', 'A jurisdiction is required', { field: 'jurisdiction' });
      if (j !== id.jurisdiction) throw forbidden('只能查看本辖区', 'Only your own jurisdiction');
    }
    const win = pageWindow(page);
    const rows = await unappliedRegistrations(ctx.em, id, j, todayOf(ctx.now));
    return toConnection(rows.slice(win.offset, win.offset + win.limit), rows.length, win);
  }

  private async page(ctx: Ctx, where: string, params: unknown[], win: { limit: number; offset: number }, order: string) {
    const { rows, totalCount } = await pageRows<RegistrationRow>(ctx.em, { select: REGISTRATION_COLUMNS, from: `resource_registration g where ${where}`, orderBy: order, params }, win);
    return toConnection(rows, totalCount, win);
  }

  @Mutation(() => ResourceRegistration, { description: '申请资源登记（首次/变更/更正/注销）| Apply for a resource registration' })
  async applyResourceRegistration(@Arg('input', () => ApplyResourceRegistrationInput) input: ApplyResourceRegistrationInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => applyRegistration(uow, ctx, { resourceId: input.resourceId, type: input.type as RegistrationType, providedOn: input.providedOn ?? null, summary: input.summary ?? null }));
  }

  @Mutation(() => ResourceRegistration, { description: '登记流程操作（受理、审核、公示、赋码、续期、注销……）| Take one registration step' })
  async transitionResourceRegistration(
    @Arg('id', () => ID) id: string,
    @Arg('action', () => ResourceRegistrationAction) action: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return inTransaction(ctx, (uow) => transitionRegistration(uow, ctx, id, action as RegistrationAction, reason));
  }

  @FieldResolver(() => DataResource, { nullable: true })
  async resource(@Root() g: RegistrationRow, @Ctx() ctx: Ctx) {
    const r = await ctx.loaders.resourceById.load(g.resourceId);
    return r && canSee(ctx.identity, r) ? r : null;
  }

  @FieldResolver(() => Organization, { nullable: true })
  registrant(@Root() g: RegistrationRow): Organization | null {
    return g.registrantOrgId ? { id: g.registrantOrgId } : null;
  }

  @FieldResolver(() => Boolean)
  async overdue(@Root() g: RegistrationRow, @Ctx() ctx: Ctx): Promise<boolean> {
    return clockOf(await ctx.loaders.profile.load(g.jurisdiction), g, todayOf(ctx.now)).overdue;
  }

  @FieldResolver(() => Boolean)
  appliedLate(@Root() g: RegistrationRow): boolean {
    return !!g.applicationDueOn && g.submittedOn > g.applicationDueOn;
  }

  @FieldResolver(() => String, { nullable: true })
  async renewalOpensOn(@Root() g: RegistrationRow, @Ctx() ctx: Ctx): Promise<string | null> {
    return clockOf(await ctx.loaders.profile.load(g.jurisdiction), g, todayOf(ctx.now)).renewalOpensOn;
  }

  @FieldResolver(() => [ResourceRegistrationStep])
  steps(@Root() g: RegistrationRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.registrationSteps.load(g.id);
  }
}

@Resolver(() => CatalogUnappliedRegistration)
export class CatalogUnappliedRegistrationResolver {
  @FieldResolver(() => DataResource, { nullable: true })
  resource(@Root() u: UnappliedRegistrationRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.resourceById.load(u.resourceId);
  }

  @FieldResolver(() => Organization)
  sourceAgency(@Root() u: UnappliedRegistrationRow): Organization {
    return { id: u.sourceAgencyId };
  }
}
