import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';

/** The higher level's consent to grant returned data (回流数据), as the data authority recorded it (ZJC §三(五)2). */
@ObjectType({ description: '上级回流数据授权同意（数据主管部门登记）| A higher level\'s consent to grant data it returned, as the data authority recorded it (ZJC §三(五)2)' })
export class ReturnedDataConsent {
  @Field(() => ID, { description: '同意记录标识 | Id of the consent record' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '同意机关 | The body that consented' }) consentingBody!: string;
  @Field(() => String, { description: '同意文号 | Document number of the consent' }) documentNumber!: string;
  @Field(() => LocalDateScalar, { description: '同意日期 | Day the consent was given' }) consentedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '有效期至（含当日；为空表示直至撤销）| Last day it holds (empty: until revoked)' }) validUntil!: string | null;
  @Field(() => [ID], { description: '所涉数据资源 | The resources it covers' }) resourceIds!: string[];
  @Field(() => ID, { nullable: true, description: '限于该运营主体（为空：不限）| Only for this operator (empty: any)' }) operatorId!: string | null;
  @Field(() => ID, { nullable: true, description: '限于该授权协议（为空：不限）| Only under this agreement (empty: any)' }) agreementId!: string | null;
  @Field(() => ID, { nullable: true, description: '限于该应用场景（为空：不限）| Only for this scenario (empty: any)' }) scenarioId!: string | null;
  @Field(() => String, { nullable: true, description: '附件（同意函扫描件等）| Attachment reference (e.g. the scanned letter)' }) attachmentRef!: string | null;
  @Field(() => String, { nullable: true, description: '备注 | Note' }) note!: string | null;
  @Field(() => Date, { description: '登记时间 | When it was recorded' }) recordedAt!: Date;
  @Field(() => LocalDateScalar, { nullable: true, description: '撤销生效日（为空：未撤销）| Day the revocation took effect (empty: not revoked)' }) revokedOn!: string | null;
  @Field(() => String, { nullable: true, description: '撤销文号 | Document number of the revocation' }) revocationDocumentNumber!: string | null;
  @Field(() => String, { nullable: true, description: '撤销理由 | Reason for the revocation' }) revocationReason!: string | null;
}

@ObjectType({ description: '上级同意分页列表 | Page of consents' })
export class ReturnedDataConsentConnection extends Connection(ReturnedDataConsent) {}

@InputType({ description: '登记上级对回流数据授权的同意 | Record a higher level\'s consent to grant returned data' })
export class RecordReturnedDataConsentInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '同意文号 | Document number of the consent' }) documentNumber!: string;
  @Field(() => LocalDateScalar, { description: '同意日期 | Day the consent was given' }) consentedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '有效期至（含当日；不填表示直至撤销）| Last day it holds (omit: until revoked)' }) validUntil?: string | null;
  @Field(() => [ID], { description: '所涉数据资源（须为目录中标记的回流数据）| The resources it covers (marked as returned in the catalog)' }) resourceIds!: string[];
  @Field(() => ID, { nullable: true, description: '限于该运营主体 | Only for this operator' }) operatorId?: string | null;
  @Field(() => ID, { nullable: true, description: '限于该授权协议 | Only under this agreement' }) agreementId?: string | null;
  @Field(() => ID, { nullable: true, description: '限于该应用场景 | Only for this scenario' }) scenarioId?: string | null;
  @Field(() => String, { nullable: true, description: '附件（同意函扫描件等）| Attachment reference' }) attachmentRef?: string | null;
  @Field(() => String, { nullable: true, description: '同意机关（默认取政策配置）| The consenting body (default: the policy profile\'s)' }) consentingBody?: string | null;
  @Field(() => String, { nullable: true, description: '备注 | Note' }) note?: string | null;
}
