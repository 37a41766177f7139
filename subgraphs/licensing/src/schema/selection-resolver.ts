import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import type { AppRow, OrgRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as integrity from '../services/integrity.js';
import * as renewals from '../services/renewals.js';
import * as reads from '../services/application-reads.js';
import { ApplicationDocumentInput, IntegrityRecord, IntegrityRecordConnection, OperatorApplication, OperatorEvaluationSummary, Organization, OrganizationPerson, RecordIntegrityInput, RecordOrganizationPersonsInput } from './types.js';

type Ctx = RequestContext<Loaders>;

/** Integrity records (信用记录) an authority loads, with their source (JL §三(二); TZ Art 12(3); QHD §三(二)1(1)). */
@Resolver(() => IntegrityRecord)
export class IntegrityResolver {
  @Query(() => IntegrityRecordConnection, { description: '信用记录（本辖区官员）| Integrity records of a jurisdiction (its officials)' })
  integrityRecords(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string,
    @Arg('identifier', () => String, { nullable: true, description: '只看该身份证号码或统一社会信用代码的记录 | Only the records of this identity number or credit code' }) identifier: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return integrity.integrityRecords(ctx, { jurisdiction, identifier, args });
  }

  @Mutation(() => IntegrityRecord, { description: '载入信用记录（注明来源）| Load an integrity record, with its source' })
  async recordIntegrityRecord(@Arg('input', () => RecordIntegrityInput, { description: '记录 | The record' }) input: RecordIntegrityInput, @Ctx() ctx: Ctx) {
    return integrity.integrityRecord(ctx, await integrity.recordIntegrityRecord(ctx, input));
  }

  @Mutation(() => IntegrityRecord, { description: '解除信用记录（移出名单、信用修复）| Lift an integrity record (removed from the list, rehabilitated)' })
  async liftIntegrityRecord(
    @Arg('recordId', () => ID, { description: '记录标识 | Id of the record' }) recordId: string,
    @Arg('liftedOn', () => LocalDateScalar, { description: '解除日 | Day it stops being in force' }) liftedOn: string,
    @Arg('source', () => String, { description: '依据 | Source' }) source: string,
    @Ctx() ctx: Ctx,
  ) {
    return integrity.integrityRecord(ctx, await integrity.liftIntegrityRecord(ctx, { recordId, liftedOn, source }));
  }
}

@Resolver(() => Organization)
export class OrganizationPersonsResolver {
  @Mutation(() => Organization, { description: '登记企业法定代表人、高管、控股股东 | Record a company\'s legal representative, executives and controlling shareholders' })
  async recordOrganizationPersons(@Arg('input', () => RecordOrganizationPersonsInput, { description: '人员及依据 | The persons and the document' }) input: RecordOrganizationPersonsInput, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(await integrity.recordOrganizationPersons(ctx, input));
  }

  @FieldResolver(() => [OrganizationPerson], { nullable: true, description: '法定代表人、高管、控股股东（本辖区登记官员及本单位可见）| Persons behind the company (recording officials and the company)' })
  persons(@Root() o: OrgRow, @Ctx() ctx: Ctx) {
    return integrity.personsOf(ctx, o);
  }
}

@Resolver(() => OperatorApplication)
export class RenewalApplicationResolver {
  @Mutation(() => OperatorApplication, { description: '续期重新申请（泰州、新昌：重新评审后签订新协议）| Re-apply for renewal where renewal is a new application (reviewed again, signed as a successor)' })
  async reapplyForRenewal(
    @Arg('agreementId', () => ID, { description: '原协议 | The agreement to succeed' }) agreementId: string,
    @Arg('documents', () => [ApplicationDocumentInput], { description: '申请材料（哈希存证）| Documents, by hash' }) documents: ApplicationDocumentInput[],
    @Ctx() ctx: Ctx,
  ) {
    return reads.application(ctx, await renewals.reapplyForRenewal(ctx, { agreementId, documents }));
  }

  @FieldResolver(() => [OperatorEvaluationSummary], { nullable: true, description: '申请人的年度运营评估结果（评审参考）| The applicant\'s annual evaluations, for its reviewers' })
  operatorEvaluations(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return renewals.evaluationsOf(ctx, a);
  }
}
