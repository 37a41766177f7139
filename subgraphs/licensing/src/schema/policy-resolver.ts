import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { Loaders } from '../loaders/index.js';
import { JURISDICTIONS } from '@pdo/policy';
import { EditPolicyProfileInput, Jurisdiction, PolicyProfile, PolicyProfileVersion } from './types.js';
import { editPolicyProfile, profileHistory, profileView } from '../services/profiles.js';

/** Jurisdictions and their profiles are public: anyone may read the rules that apply. */
@Resolver()
export class PolicyResolver {
  @Query(() => [Jurisdiction], { description: '辖区 | The six jurisdictions' })
  jurisdictions(): Jurisdiction[] {
    return JURISDICTIONS.map((j) => ({ ...j }));
  }

  @Query(() => PolicyProfile, { description: '辖区政策配置（每项含依据；默认当前版本） | Effective profile, each value with its source' })
  policyProfile(@Arg('jurisdiction', () => String, { description: '辖区代码 | Jurisdiction code' }) jurisdiction: string, @Arg('version', () => Int, { nullable: true, description: '版本（默认当前）| Version (default: current)' }) version: number | null, @Ctx() ctx: RequestContext<Loaders>) {
    return profileView(ctx, { jurisdiction, version });
  }

  @Query(() => [PolicyProfileVersion], { description: '政策配置修改历史 | Profile edit history' })
  async policyProfileHistory(@Arg('jurisdiction', () => String, { description: '辖区代码 | Jurisdiction code' }) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    return profileHistory(ctx, { jurisdiction });
  }

  @Mutation(() => PolicyProfile, { description: '修改本辖区政策配置（须注明依据） | AUTHORITY edits its profile, citing sources' })
  async editPolicyProfile(@Arg('input', () => EditPolicyProfileInput, { description: '修改内容 | The edit' }) input: EditPolicyProfileInput, @Ctx() ctx: RequestContext<Loaders>) {
    const version = await editPolicyProfile(ctx, input);
    return profileView({ ...ctx, em: ctx.em.fork() }, { jurisdiction: input.jurisdiction, version });
  }
}
