import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { OrgRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import { canSee } from '../access.js';
import {
  acceptOrganizationChange,
  proposeOrganizationChange,
  registerOrganization,
  rejectOrganizationChange,
  updateOrganization,
  withdrawOrganizationChange,
} from '../services/organizations.js';
import { eligibilityCheck, organizationChangeProposals, organizationFactHistory, organizations, proposal } from '../services/organization-reads.js';
import {
  AdministrativePenalty,
  DishonestListEntry,
  EligibilityResult,
  FactEvidenceInput,
  Organization,
  OrganizationChangeProposal,
  OrganizationChangeProposalConnection,
  OrganizationChangeProposalFilter,
  OrganizationConnection,
  OrganizationFactChangeConnection,
  OrganizationFactsInput,
  OrganizationFilter,
  OrgSecurityIncident,
  ProposeOrganizationChangeInput,
  RegisterOrganizationInput,
  TaxCreditGrade,
} from './types.js';

type Ctx = RequestContext<Loaders>;

const proposalRow = (ctx: Ctx, id: string) => proposal(ctx, id);

/** Credit and security facts are for the authorities of the party's jurisdiction and the party itself. */
const facts = <T>(ctx: Ctx, o: OrgRow, value: T): T | null => (canSee(ctx.identity, o, o.id) ? value : null);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: '主体 | An organization' })
  async organization(@Arg('id', () => ID, { description: '主体标识 | Id of the organization' }) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => OrganizationConnection, { description: '主体列表 | Parties (public directory)' })
  async organizations(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: OrganizationFilter | null, @Ctx() ctx: Ctx) {
    return organizations(ctx, { args, filter });
  }

  @Query(() => EligibilityResult, { description: '按辖区配置逐项预审资格 | Eligibility of a party under a jurisdiction\'s profile, criterion by criterion' })
  async eligibilityCheck(@Arg('organizationId', () => ID, { description: '主体标识 | Id of the organization' }) organizationId: string, @Arg('jurisdiction', () => String, { description: '按哪个辖区的资格条件审查 | Jurisdiction whose eligibility rules apply' }) jurisdiction: string, @Ctx() ctx: Ctx) {
    return eligibilityCheck(ctx, { organizationId, jurisdiction });
  }

  @Mutation(() => Organization, { description: '登记主体（附登记依据） | Register a party with the evidence of its facts (AUTHORITY/AGENCY of the jurisdiction)' })
  async registerOrganization(@Arg('input', () => RegisterOrganizationInput, { description: '登记内容 | The organization to register' }) input: RegisterOrganizationInput, @Ctx() ctx: Ctx) {
    const id = await registerOrganization(ctx, { ...(input.facts ?? {}), jurisdiction: input.jurisdiction, name: input.name, kinds: input.kinds, evidence: input.evidence });
    return ctx.loaders.byId.load(id);
  }

  @Mutation(() => Organization, {
    description: '登记主体资格与身份事实（附证明材料；仅本辖区实施机构或数据主管部门） | Record a party\'s eligibility and identity facts with evidence (AUTHORITY/AGENCY of its jurisdiction; a party proposes instead)',
  })
  async updateOrganization(
    @Arg('id', () => ID, { description: '主体标识 | Id of the organization' }) id: string,
    @Arg('input', () => OrganizationFactsInput, { description: '更新的事实 | Facts to record' }) input: OrganizationFactsInput,
    // Required of the official (BAD_USER_INPUT without it); optional in the schema so that a party's
    // call is answered with the reason it may not record facts rather than a missing argument.
    @Arg('evidence', () => FactEvidenceInput, { nullable: true, description: '证明材料（官员登记时必填）| Evidence (required of the recording official)' }) evidence: FactEvidenceInput | null,
    @Ctx() ctx: Ctx,
  ) {
    await updateOrganization(ctx, { id, patch: input, evidence });
    return ctx.loaders.byId.clear(id).load(id);
  }

  @Mutation(() => OrganizationChangeProposal, { description: '申请变更本单位事实（附证明材料） | Propose a change of your own organization\'s facts, with evidence' })
  async proposeOrganizationChange(@Arg('input', () => ProposeOrganizationChangeInput, { description: '变更申请 | The proposed change' }) input: ProposeOrganizationChangeInput, @Ctx() ctx: Ctx) {
    return proposalRow(ctx, await proposeOrganizationChange(ctx, input));
  }

  @Mutation(() => OrganizationChangeProposal, { description: '采纳变更申请（事实随之变更） | Accept a proposed change: the facts change, with its evidence' })
  async acceptOrganizationChange(@Arg('id', () => ID, { description: '变更申请标识 | Id of the proposal' }) id: string, @Arg('note', () => String, { nullable: true, description: '审核意见 | Note on accepting' }) note: string | null, @Ctx() ctx: Ctx) {
    const p = await acceptOrganizationChange(ctx, { id, note });
    return proposalRow(ctx, p);
  }

  @Mutation(() => OrganizationChangeProposal, { description: '驳回变更申请（须说明理由） | Reject a proposed change, with a reason' })
  async rejectOrganizationChange(@Arg('id', () => ID, { description: '变更申请标识 | Id of the proposal' }) id: string, @Arg('reason', () => String, { description: '驳回理由 | Reason for rejecting' }) reason: string, @Ctx() ctx: Ctx) {
    return proposalRow(ctx, await rejectOrganizationChange(ctx, { id, reason }));
  }

  @Mutation(() => OrganizationChangeProposal, { description: '撤回本单位的待审变更申请 | Withdraw your organization\'s pending proposal' })
  async withdrawOrganizationChange(@Arg('id', () => ID, { description: '变更申请标识 | Id of the proposal' }) id: string, @Ctx() ctx: Ctx) {
    return proposalRow(ctx, await withdrawOrganizationChange(ctx, { id }));
  }

  @Query(() => OrganizationChangeProposalConnection, {
    description: '主体事实变更申请（本辖区官员；主体看本单位的） | Proposed fact changes: officials of the jurisdiction see theirs, a party its own',
  })
  async organizationChangeProposals(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('filter', () => OrganizationChangeProposalFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: OrganizationChangeProposalFilter | null,
    @Ctx() ctx: Ctx,
  ) {
    return organizationChangeProposals(ctx, { args, filter });
  }

  @Query(() => OrganizationFactChangeConnection, {
    description: '主体事实变更历史（谁、何时、依据、原值→新值），新的在前 | History of a party\'s facts (who, when, evidence, old → new), newest first',
  })
  async organizationFactHistory(@Arg('organizationId', () => ID, { description: '主体标识 | Id of the organization' }) organizationId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return organizationFactHistory(ctx, { organizationId, args });
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
