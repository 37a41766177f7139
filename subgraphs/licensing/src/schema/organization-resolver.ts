import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound, pageWindow, PageArgs, toConnection, type RequestContext } from '@pdo/platform';
import { isJurisdictionCode, toShanghaiDate } from '@pdo/policy';
import { ORG_COLS, type OrgRow } from '../data/rows.js';
import type { Loaders } from '../loaders/index.js';
import { registerOrganization, updateOrganization } from '../domain/organizations.js';
import { eligibilityOf } from '../domain/calls.js';
import { loadProfile } from '../domain/profiles.js';
import {
  AdministrativePenalty,
  DishonestListEntry,
  EligibilityResult,
  Organization,
  OrganizationConnection,
  OrganizationFactsInput,
  OrganizationFilter,
  OrgSecurityIncident,
  RegisterOrganizationInput,
  TaxCreditGrade,
} from './types.js';
import { canSee, eq, pageOf } from './scope.js';

type Ctx = RequestContext<Loaders>;

/** Credit and security facts are for the authorities of the party's jurisdiction and the party itself. */
const facts = <T>(ctx: Ctx, o: OrgRow, value: T): T | null => (canSee(ctx.identity, o, o.id) ? value : null);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true })
  async organization(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => OrganizationConnection, { description: '主体列表 | Parties (public directory)' })
  async organizations(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const where: string[] = [];
    const params: unknown[] = [];
    eq(where, params, 'jurisdiction', filter?.jurisdiction);
    if (filter?.kind) {
      params.push(filter.kind);
      where.push(`$${params.length} = any(kinds)`);
    }
    if (filter?.search?.trim()) {
      params.push(`%${filter.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      where.push(`(name ilike $${params.length} or name_en ilike $${params.length})`);
    }
    const [rows, total] = await pageOf<OrgRow>(ctx.em, ORG_COLS, 'organization', where, params, 'name, id', win);
    return toConnection(rows, total, win);
  }

  @Query(() => EligibilityResult, { description: '按辖区配置逐项预审资格 | Eligibility of a party under a jurisdiction\'s profile, criterion by criterion' })
  async eligibilityCheck(@Arg('organizationId', () => ID) organizationId: string, @Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: Ctx) {
    if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
    const org = await ctx.loaders.byId.load(organizationId);
    if (!org || !canSee(ctx.identity, { jurisdiction }, org.id) && !canSee(ctx.identity, org, org.id)) throw notFound('主体', 'Organization', organizationId);
    const { profile, version } = await loadProfile(ctx.em, jurisdiction);
    return eligibilityOf(profile, version, org, toShanghaiDate(ctx.now));
  }

  @Mutation(() => Organization, { description: '登记主体 | Register a party (AUTHORITY/AGENCY of the jurisdiction)' })
  async registerOrganization(@Arg('input', () => RegisterOrganizationInput) input: RegisterOrganizationInput, @Ctx() ctx: Ctx) {
    const id = await registerOrganization(ctx, { ...(input.facts ?? {}), jurisdiction: input.jurisdiction, name: input.name, kinds: input.kinds });
    return ctx.loaders.byId.load(id);
  }

  @Mutation(() => Organization, { description: '更新主体信用与安全事实 | Update a party\'s credit and security facts' })
  async updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => OrganizationFactsInput) input: OrganizationFactsInput, @Ctx() ctx: Ctx) {
    await updateOrganization(ctx, id, input);
    return ctx.loaders.byId.clear(id).load(id);
  }

  @FieldResolver(() => [TaxCreditGrade], { nullable: true, description: '纳税信用等级 | Tax credit grades by year' })
  taxGrades(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.taxGrades);
  }
  @FieldResolver(() => [AdministrativePenalty], { nullable: true, description: '行政处罚 | Administrative penalties' })
  penalties(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.penalties);
  }
  @FieldResolver(() => [DishonestListEntry], { nullable: true, description: '失信名单 | Dishonesty-list entries' })
  dishonestListEntries(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.dishonestListEntries);
  }
  @FieldResolver(() => [OrgSecurityIncident], { nullable: true, description: '安全事件 | Security incidents' })
  securityIncidents(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.securityIncidents);
  }
  @FieldResolver(() => Boolean, { nullable: true, description: '等保三级经验 | MLPS level-3 experience' })
  mlps3Experience(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.mlps3Experience);
  }
  @FieldResolver(() => Boolean, { nullable: true, description: '商用密码测评经验 | Commercial cryptography experience' })
  commercialCryptoExperience(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.commercialCryptoExperience);
  }
  @FieldResolver(() => String, { nullable: true, description: '安全管理部门 | Security department' })
  securityDepartment(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.securityDepartment);
  }
  @FieldResolver(() => String, { nullable: true, description: '安全负责人 | Security head' })
  securityHead(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return facts(ctx, o, o.securityHead);
  }
}
