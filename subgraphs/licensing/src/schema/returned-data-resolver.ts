import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import type { Loaders } from '../loaders/index.js';
import * as returned from '../services/returned-data.js';
import { RecordReturnedDataConsentInput, ReturnedDataConsent, ReturnedDataConsentConnection } from './returned-data-types.js';

type Ctx = RequestContext<Loaders>;

/** Consents of a higher level to grant the data it returned (ZJC §三(五)2; docs/policy/returned-data.md). */
@Resolver(() => ReturnedDataConsent)
export class ReturnedDataConsentResolver {
  @Query(() => ReturnedDataConsentConnection, { description: '上级回流数据授权同意（本辖区官员）| Consents to grant returned data (the jurisdiction\'s officials)' })
  returnedDataConsents(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('jurisdiction', () => String, { nullable: true, description: '辖区（默认本辖区）| Jurisdiction (default: your own)' }) jurisdiction: string | null,
    @Arg('resourceId', () => ID, { nullable: true, description: '只看涉及该资源的同意 | Only consents covering this resource' }) resourceId: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return returned.returnedDataConsents(ctx, { args, filter: { jurisdiction, resourceId } });
  }

  @Mutation(() => ReturnedDataConsent, { description: '登记上级对回流数据授权的同意（数据主管部门）| Record a higher level\'s consent to grant returned data (the data authority)' })
  async recordReturnedDataConsent(@Arg('input', () => RecordReturnedDataConsentInput, { description: '同意内容 | The consent' }) input: RecordReturnedDataConsentInput, @Ctx() ctx: Ctx) {
    return returned.returnedDataConsent(ctx, await returned.recordReturnedDataConsent(ctx, input));
  }

  @Mutation(() => ReturnedDataConsent, { description: '撤销上级同意：不再有同意覆盖的访问授权随即撤销 | Revoke a consent: the access grants no other consent covers are revoked' })
  async revokeReturnedDataConsent(
    @Arg('consentId', () => ID, { description: '同意记录标识 | Id of the consent record' }) consentId: string,
    @Arg('documentNumber', () => String, { description: '撤销文号 | Document number of the revocation' }) documentNumber: string,
    @Arg('reason', () => String, { description: '撤销理由 | Reason' }) reason: string,
    @Arg('revokedOn', () => LocalDateScalar, { nullable: true, description: '撤销生效日（默认今天，不得晚于今天）| Day it takes effect (default today; not later)' }) revokedOn: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return returned.returnedDataConsent(ctx, await returned.revokeReturnedDataConsent(ctx, { consentId, documentNumber, reason, revokedOn }));
  }
}
