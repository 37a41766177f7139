import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badInput, type RequestContext } from '@pdo/platform';
import { JURISDICTIONS, isJurisdictionCode } from '@pdo/policy';
import { EditPolicyProfileInput, Jurisdiction, PolicyProfile, PolicyProfileVersion } from './types.js';
import { currentProfileVersion, loadProfile, profileHistory } from '../domain/profiles.js';
import { editPolicyProfile } from '../domain/policy-profiles.js';

async function profileView(ctx: RequestContext, jurisdiction: string, version?: number | null): Promise<PolicyProfile> {
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
  const current = await currentProfileVersion(ctx.em, jurisdiction);
  if (version != null && (version < 1 || version > current)) throw badInput(`版本须在 1 到 ${current} 之间`, `Version must be between 1 and ${current}`, { field: 'version' });
  const { profile, version: v } = await loadProfile(ctx.em, jurisdiction, version ?? current);
  return { jurisdiction, version: v, settings: Object.entries(profile.settings).map(([name, s]) => ({ name, value: s.value, source: s.source })) };
}

/** Jurisdictions and their profiles are public: anyone may read the rules that apply. */
@Resolver()
export class PolicyResolver {
  @Query(() => [Jurisdiction], { description: '辖区 | The six jurisdictions' })
  jurisdictions(): Jurisdiction[] {
    return JURISDICTIONS.map((j) => ({ ...j }));
  }

  @Query(() => PolicyProfile, { description: '辖区政策配置（每项含依据；默认当前版本） | Effective profile, each value with its source' })
  policyProfile(@Arg('jurisdiction', () => String) jurisdiction: string, @Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() ctx: RequestContext) {
    return profileView(ctx, jurisdiction, version);
  }

  @Query(() => [PolicyProfileVersion], { description: '政策配置修改历史 | Profile edit history' })
  async policyProfileHistory(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext) {
    return profileHistory(ctx.em, jurisdiction);
  }

  @Mutation(() => PolicyProfile, { description: '修改本辖区政策配置（须注明依据） | AUTHORITY edits its profile, citing sources' })
  async editPolicyProfile(@Arg('input', () => EditPolicyProfileInput) input: EditPolicyProfileInput, @Ctx() ctx: RequestContext) {
    const version = await editPolicyProfile(ctx, input.jurisdiction, input.changes, input.note ?? null);
    return profileView({ ...ctx, em: ctx.em.fork() }, input.jurisdiction, version);
  }
}
