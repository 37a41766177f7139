import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, DecimalScalar, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { REGISTRATION_ACTIONS, REGISTRATION_STATES, REGISTRATION_TYPES } from '@pdo/registration';
import { CLASSIFICATIONS, GRADES, OPENNESS, PROHIBITED_REASONS, RESOURCE_STATUSES, SECTORS, UPDATE_FREQUENCIES } from '../domain/taxonomy.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

/** GraphQL names are upper-case; stored codes stay lower-case (shared with licensing's BY_DOMAIN scopes). */
export const CatalogSector = Object.fromEntries(Object.keys(SECTORS).map((k) => [k.toUpperCase(), k])) as Record<string, string>;
registerEnumType(CatalogSector, { name: 'CatalogSector', description: '行业领域 | Sector of the catalog taxonomy' });
export const CatalogOpenness = enumOf(OPENNESS);
registerEnumType(CatalogOpenness, { name: 'CatalogOpenness', description: '开放属性：无条件 / 有条件 / 禁止 | Openness' });
export const CatalogGrade = enumOf(GRADES);
registerEnumType(CatalogGrade, { name: 'CatalogGrade', description: '数据分级 | Data grade (L1 lowest … L4 highest)' });
export const CatalogGradeFilter = enumOf([...GRADES, 'UNGRADED'] as const);
registerEnumType(CatalogGradeFilter, { name: 'CatalogGradeFilter', description: '分级筛选（含未分级）| Grade filter, UNGRADED for not graded' });
export const CatalogDataClass = enumOf(CLASSIFICATIONS);
registerEnumType(CatalogDataClass, { name: 'CatalogDataClass', description: '数据分类：一般 / 重要 / 核心 | Data classification' });
export const CatalogUpdateFrequency = enumOf(UPDATE_FREQUENCIES);
registerEnumType(CatalogUpdateFrequency, { name: 'CatalogUpdateFrequency', description: '更新频率 | Update frequency' });
export const CatalogProhibitedReason = enumOf(PROHIBITED_REASONS);
registerEnumType(CatalogProhibitedReason, { name: 'CatalogProhibitedReason', description: '禁止开放理由 | Why a resource is prohibited (NS Art 5)' });
export const DataResourceStatus = enumOf(RESOURCE_STATUSES);
registerEnumType(DataResourceStatus, { name: 'DataResourceStatus' });
export const CatalogSort = enumOf(['RELEVANCE', 'RECENTLY_UPDATED', 'NAME'] as const);
registerEnumType(CatalogSort, { name: 'CatalogSort', description: '排序：相关度 / 最近更新 / 名称 | Sort order' });
export const ResourceRegistrationType = enumOf(REGISTRATION_TYPES);
registerEnumType(ResourceRegistrationType, { name: 'ResourceRegistrationType', description: '登记类型：首次 / 变更 / 更正 / 注销' });
export const ResourceRegistrationState = enumOf(REGISTRATION_STATES);
registerEnumType(ResourceRegistrationState, { name: 'ResourceRegistrationState', description: '登记状态 (RG Art 8)' });
export const ResourceRegistrationAction = enumOf(REGISTRATION_ACTIONS);
registerEnumType(ResourceRegistrationAction, { name: 'ResourceRegistrationAction', description: '登记操作 | Registration step' });
export const CorrectionRequestState = enumOf(['OPEN', 'CORRECTED', 'REJECTED'] as const);
registerEnumType(CorrectionRequestState, { name: 'CorrectionRequestState', description: '校核状态 | Correction request state' });
export const CorrectionOutcome = enumOf(['CORRECTED', 'REJECTED'] as const);
registerEnumType(CorrectionOutcome, { name: 'CorrectionOutcome', description: '校核答复：已更正 / 不予更正' });

@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '数据项 | A field of a resource' })
export class CatalogResourceField {
  @Field() name!: string;
  @Field() type!: string;
  @Field() descriptionZh!: string;
  @Field({ description: '是否个人信息 | Personal information' }) personalInformation!: boolean;
  @Field({ description: '是否敏感 | Sensitive' }) sensitive!: boolean;
  @Field({ description: '是否必填（归集时每行必须有值）| Required: every row of a load must have a value' }) required!: boolean;
}

@ObjectType({ description: '数据质量评分（0–100）| Quality scores 0–100 (JL §8(1))' })
export class CatalogQuality {
  @Field(() => DecimalScalar, { description: '完整性' }) completeness!: string;
  @Field(() => DecimalScalar, { description: '一致性' }) consistency!: string;
  @Field(() => DecimalScalar, { description: '准确性' }) accuracy!: string;
  @Field(() => DecimalScalar, { description: '时效性' }) timeliness!: string;
}

@ObjectType()
export class CatalogAuthorizabilityReason {
  @Field() code!: string;
  @Field() messageZh!: string;
  @Field() messageEn!: string;
  @Field({ description: '依据 | Rule citation' }) rule!: string;
}

@ObjectType({ description: '是否可授权及原因 | Whether the resource may be authorized, and why not' })
export class CatalogAuthorizability {
  @Field() authorizable!: boolean;
  @Field(() => [CatalogAuthorizabilityReason]) reasons!: CatalogAuthorizabilityReason[];
}

@ObjectType({ description: '公共数据资源（仅元数据）| Public data resource (metadata only, never data)' })
@Directive('@key(fields: "id")')
export class DataResource {
  @Field(() => ID) id!: string;
  @Field({ description: '辖区代码 | Jurisdiction code' }) jurisdiction!: string;
  @Field({ description: '资源编码（辖区内唯一）| Code, unique in its jurisdiction' }) code!: string;
  @Field({ description: '名称 | Name (Chinese)' }) nameZh!: string;
  @Field({ description: '描述 | Description (Chinese)' }) descriptionZh!: string;
  @Field(() => CatalogSector) sector!: string;
  @Field(() => Organization, { description: '数源单位 | The source unit that owns the resource' }) sourceAgency!: Organization;
  @Field(() => [CatalogResourceField], { description: '数据项 | Fields' }) fields!: CatalogResourceField[];
  @Field(() => CatalogDataClass, { nullable: true, description: '分类 | Classification' }) classification!: string | null;
  @Field(() => CatalogGrade, { nullable: true, description: '分级 | Grade' }) grade!: string | null;
  @Field(() => CatalogOpenness) openness!: string;
  @Field(() => CatalogProhibitedReason, { nullable: true }) prohibitedReason!: string | null;
  @Field(() => Organization, { nullable: true, description: '共享提供部门（通过部门间共享获得时）| Providing agency when obtained through sharing' }) sharedFromAgency!: Organization | null;
  @Field({ description: '提供部门是否同意授权 | Providing agency consented' }) sharingConsent!: boolean;
  @Field(() => CatalogUpdateFrequency) updateFrequency!: string;
  @Field(() => Int) recordCount!: number;
  @Field(() => Date, { nullable: true, description: '数据最近更新时间 | Last data update' }) lastDataUpdateAt!: Date | null;
  @Field(() => CatalogQuality) quality!: CatalogQuality;
  @Field(() => DataResourceStatus) status!: string;
  @Field(() => Int, { description: '当前版本号 | Current version' }) version!: number;
  @Field({ description: '是否已完成资源登记（赋码）| Has a coded registration' }) registered!: boolean;
  @Field(() => CatalogAuthorizability) authorizability!: CatalogAuthorizability;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class DataResourceConnection extends Connection(DataResource) {}

@ObjectType({ description: '资源版本（不可变）| An immutable version of a resource' })
export class DataResourceVersion {
  @Field(() => ID) id!: string;
  @Field(() => ID) resourceId!: string;
  @Field(() => Int) version!: number;
  @Field({ description: 'CREATED / EDITED / WITHDRAWN / CORRECTED / REGISTRATION_CODED / REGISTRATION_ENDED' }) action!: string;
  @Field(() => GraphQLJSON, { description: '该版本的完整内容 | Full content of this version' }) snapshot!: unknown;
  @Field(() => GraphQLJSON, { description: '与上一版本的差异 {字段: {from, to}} | Diff from the previous version' }) changes!: unknown;
  @Field({ description: '修改人 | Who' }) changedBy!: string;
  @Field(() => ID, { nullable: true }) changedByOrg!: string | null;
  @Field(() => Date) changedAt!: Date;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class DataResourceVersionConnection extends Connection(DataResourceVersion) {}

@ObjectType()
export class CatalogFacetBucket {
  @Field() value!: string;
  @Field(() => String, { nullable: true, description: '中文标签 | Chinese label' }) labelZh!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '分面计数：每个维度之和等于 totalCount | Facet counts; each dimension sums to totalCount' })
export class CatalogFacets {
  @Field(() => [CatalogFacetBucket]) sector!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) sourceAgency!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) grade!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) openness!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) updateFrequency!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) authorizable!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket]) jurisdiction!: CatalogFacetBucket[];
}

@ObjectType({ description: '目录检索结果 | Catalog search result' })
export class CatalogSearchResult extends Connection(DataResource, { name: 'CatalogSearchHit' }) {
  @Field(() => CatalogFacets) facets!: CatalogFacets;
}

@ObjectType()
export class CatalogSectorInfo {
  @Field(() => CatalogSector) code!: string;
  @Field() nameZh!: string;
}

// ── inputs ────────────────────────────────────────────────────────────────
@InputType()
export class CatalogResourceFieldInput {
  @Field() name!: string;
  @Field() type!: string;
  @Field({ defaultValue: '' }) descriptionZh!: string;
  @Field({ defaultValue: false }) personalInformation!: boolean;
  @Field({ defaultValue: false }) sensitive!: boolean;
  @Field({ defaultValue: false, description: '是否必填 | Required in every row of a load' }) required!: boolean;
}

@InputType()
export class CatalogQualityInput {
  @Field(() => DecimalScalar) completeness!: string;
  @Field(() => DecimalScalar) consistency!: string;
  @Field(() => DecimalScalar) accuracy!: string;
  @Field(() => DecimalScalar) timeliness!: string;
}

@InputType({ description: '资源可修改内容（未给出的不变）| Changeable content; omitted fields stay as they are' })
export class DataResourcePatchInput {
  @Field({ nullable: true }) code?: string;
  @Field({ nullable: true }) nameZh?: string;
  @Field({ nullable: true }) descriptionZh?: string;
  @Field(() => CatalogSector, { nullable: true }) sector?: string;
  @Field(() => [CatalogResourceFieldInput], { nullable: true }) fields?: CatalogResourceFieldInput[];
  @Field(() => CatalogDataClass, { nullable: true }) classification?: string | null;
  @Field(() => CatalogGrade, { nullable: true }) grade?: string | null;
  @Field(() => CatalogOpenness, { nullable: true }) openness?: string;
  @Field(() => CatalogProhibitedReason, { nullable: true }) prohibitedReason?: string | null;
  @Field(() => ID, { nullable: true }) sharedFromAgencyId?: string | null;
  @Field({ nullable: true }) sharingConsent?: boolean;
  @Field(() => CatalogUpdateFrequency, { nullable: true }) updateFrequency?: string;
  @Field(() => Int, { nullable: true }) recordCount?: number;
  @Field(() => Date, { nullable: true }) lastDataUpdateAt?: Date | null;
  @Field(() => CatalogQualityInput, { nullable: true }) quality?: CatalogQualityInput | null;
}

@InputType()
export class CreateDataResourceInput {
  @Field({ nullable: true, description: '默认为调用者辖区 | Defaults to the caller\'s jurisdiction' }) jurisdiction?: string;
  @Field(() => ID) sourceAgencyId!: string;
  @Field() code!: string;
  @Field() nameZh!: string;
  @Field({ defaultValue: '' }) descriptionZh!: string;
  @Field(() => CatalogSector) sector!: string;
  @Field(() => [CatalogResourceFieldInput]) fields!: CatalogResourceFieldInput[];
  @Field(() => CatalogDataClass, { nullable: true }) classification?: string | null;
  @Field(() => CatalogGrade, { nullable: true }) grade?: string | null;
  @Field(() => CatalogOpenness) openness!: string;
  @Field(() => CatalogProhibitedReason, { nullable: true }) prohibitedReason?: string | null;
  @Field(() => ID, { nullable: true }) sharedFromAgencyId?: string | null;
  @Field({ nullable: true }) sharingConsent?: boolean;
  @Field(() => CatalogUpdateFrequency) updateFrequency!: string;
  @Field(() => Int, { defaultValue: 0 }) recordCount!: number;
  @Field(() => Date, { nullable: true }) lastDataUpdateAt?: Date | null;
  @Field(() => CatalogQualityInput, { nullable: true }) quality?: CatalogQualityInput | null;
}

@InputType()
export class EditDataResourceInput extends DataResourcePatchInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: '编辑时看到的版本（并发保护）| Version you edited (optimistic lock)' }) expectedVersion?: number;
  @Field({ nullable: true, description: '修改说明 | Change note' }) note?: string;
}

@InputType()
export class CatalogSearchFilter {
  @Field({ nullable: true, description: '检索词：名称、描述、数据项 | Text over name, description and field names' }) q?: string;
  @Field(() => [CatalogSector], { nullable: true }) sectors?: string[];
  @Field(() => [ID], { nullable: true }) sourceAgencyIds?: string[];
  @Field(() => [CatalogGradeFilter], { nullable: true }) grades?: string[];
  @Field(() => [CatalogOpenness], { nullable: true }) openness?: string[];
  @Field(() => [CatalogUpdateFrequency], { nullable: true }) updateFrequencies?: string[];
  @Field({ nullable: true }) authorizable?: boolean;
  @Field(() => [String], { nullable: true }) jurisdictions?: string[];
  @Field({ nullable: true, description: '包含已撤回（仅有权者可见）| Include withdrawn (privileged callers only)' }) includeWithdrawn?: boolean;
}

