import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { RegistrationAction, RegistrationType } from '@pdo/registration';
import type { CatalogLoaders } from '../loaders/index.js';
import { appliedLate, type RegistrationRow, type UnappliedRegistrationRow } from '../domain/registration.js';
import { visibleResource } from '../services/catalog-reads.js';
import { applyResourceRegistration, transitionResourceRegistration } from '../services/registrations.js';
import { overdueRegistrations, registrationById, registrationClock, registrations, unappliedRegistrations } from '../services/registration-reads.js';
import { DataResource, Organization, ResourceRegistrationAction } from './types.js';
import {
  ApplyResourceRegistrationInput,
  CatalogUnappliedRegistration,
  CatalogUnappliedRegistrationConnection,
  ResourceRegistration,
  ResourceRegistrationConnection,
  ResourceRegistrationFilter,
  ResourceRegistrationStep,
} from './registration-types.js';

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
  resourceRegistration(@Arg('id', () => ID, { description: '登记标识 | Id of the registration' }) id: string, @Ctx() ctx: Ctx) {
    return registrationById(ctx, id);
  }

  @Query(() => ResourceRegistrationConnection, { description: '资源登记列表 | Resource registrations' })
  resourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ResourceRegistrationFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: ResourceRegistrationFilter | null, @Ctx() ctx: Ctx) {
    return registrations(ctx, { filter: { ...(filter ?? {}) }, page });
  }

  @Query(() => ResourceRegistrationConnection, { description: '逾期登记事项（按到期日）| Registrations past the due date of their awaited step' })
  overdueResourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('jurisdiction', () => String, { nullable: true, description: '辖区（默认调用方所在辖区）| Jurisdiction (default: the caller\'s)' }) jurisdiction: string | null, @Ctx() ctx: Ctx) {
    return overdueRegistrations(ctx, { jurisdiction, page });
  }

  @Query(() => CatalogUnappliedRegistrationConnection, {
    description: '已提供数据但逾期未申请首次登记（RG：数据提供后 20 个工作日内申请）| Resources whose data was provided but never applied for registration, past the deadline',
  })
  unappliedResourceRegistrations(@Args(() => PageArgs) page: PageArgs, @Arg('jurisdiction', () => String, { nullable: true, description: '辖区（默认调用方所在辖区）| Jurisdiction (default: the caller\'s)' }) jurisdiction: string | null, @Ctx() ctx: Ctx) {
    return unappliedRegistrations(ctx, { jurisdiction, page });
  }

  @Mutation(() => ResourceRegistration, { description: '申请资源登记（首次/变更/更正/注销）| Apply for a resource registration' })
  applyResourceRegistration(@Arg('input', () => ApplyResourceRegistrationInput, { description: '登记申请内容 | The application' }) input: ApplyResourceRegistrationInput, @Ctx() ctx: Ctx) {
    return applyResourceRegistration(ctx, { resourceId: input.resourceId, type: input.type as RegistrationType, providedOn: input.providedOn ?? null, summary: input.summary ?? null });
  }

  @Mutation(() => ResourceRegistration, { description: '登记流程操作（受理、审核、公示、赋码、续期、注销……）| Take one registration step' })
  transitionResourceRegistration(
    @Arg('id', () => ID, { description: '登记标识 | Id of the registration' }) id: string,
    @Arg('action', () => ResourceRegistrationAction, { description: '要办理的环节 | The step to take' }) action: string,
    @Arg('reason', () => String, { nullable: true, description: '理由（退回、驳回时必填）| Reason (required to return or reject)' }) reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return transitionResourceRegistration(ctx, { id, action: action as RegistrationAction, reason });
  }

  @FieldResolver(() => DataResource, { nullable: true, description: '登记的数据资源（调用方可见时）| Registered resource, when visible to the caller' })
  resource(@Root() g: RegistrationRow, @Ctx() ctx: Ctx) {
    return visibleResource(ctx, g.resourceId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '登记申请主体 | Organization that applied' })
  registrant(@Root() g: RegistrationRow): Organization | null {
    return g.registrantOrgId ? { id: g.registrantOrgId } : null;
  }

  @FieldResolver(() => Boolean, { description: '当前环节是否逾期 | Whether the awaited step is overdue today' })
  async overdue(@Root() g: RegistrationRow, @Ctx() ctx: Ctx): Promise<boolean> {
    return (await registrationClock(ctx, g)).overdue;
  }

  @FieldResolver(() => Boolean, { description: '首次登记是否逾期申请 | Applied after the first-application deadline' })
  appliedLate(@Root() g: RegistrationRow): boolean {
    return appliedLate(g);
  }

  @FieldResolver(() => String, { nullable: true, description: '可申请续期起始日 | Day the renewal window opens' })
  async renewalOpensOn(@Root() g: RegistrationRow, @Ctx() ctx: Ctx): Promise<string | null> {
    return (await registrationClock(ctx, g)).renewalOpensOn;
  }

  @FieldResolver(() => [ResourceRegistrationStep], { description: '办理步骤（按时间）| Steps taken, in order' })
  steps(@Root() g: RegistrationRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.registrationSteps.load(g.id);
  }
}

@Resolver(() => CatalogUnappliedRegistration)
export class CatalogUnappliedRegistrationResolver {
  @FieldResolver(() => DataResource, { nullable: true, description: '应登未登的数据资源 | Resource never applied for' })
  resource(@Root() u: UnappliedRegistrationRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.resourceById.load(u.resourceId);
  }

  @FieldResolver(() => Organization, { description: '数源单位 | Source unit that should apply' })
  sourceAgency(@Root() u: UnappliedRegistrationRow): Organization {
    return { id: u.sourceUnitId };
  }
}
