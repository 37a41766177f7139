import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, DecimalScalar, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { CatalogSector, CatalogOpenness, CatalogGrade, CatalogGradeFilter, CatalogDataClass, CatalogUpdateFrequency, CatalogProhibitedReason, DataResourceStatus, CatalogSort, ResourceRegistrationType, ResourceRegistrationState, ResourceRegistrationAction, CorrectionRequestState, CorrectionOutcome, ReturnedLevel } from './enums.js';

export * from './enums.js';

@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
  /**
   * Licensing's field, shared: the catalog answers it from its organization_projection (OrganizationNameResolver), so a
   * resource's source agency needs no call to licensing, and the catalog composes without licensing.
   */
  @Directive('@shareable')
  @Field(() => String, { description: '名称 | Name (Chinese)' }) name?: string;
}

@ObjectType({ description: '数据项 | A field of a resource' })
export class CatalogResourceField {
  @Field({ description: '数据项名称 | Field name' }) name!: string;
  @Field({ description: '数据类型 | Data type of the field' }) type!: string;
  @Field({ description: '数据项说明 | What the field holds' }) descriptionZh!: string;
  @Field({ description: '是否个人信息 | Personal information' }) personalInformation!: boolean;
  @Field({ description: '是否敏感 | Sensitive' }) sensitive!: boolean;
  @Field({ description: '是否必填（归集时每行必须有值）| Required: every row of a load must have a value' }) required!: boolean;
}

@ObjectType({ description: '数据质量评分（0–100）| Quality scores 0–100 (JL §8(1))' })
export class CatalogQuality {
  @Field(() => DecimalScalar, { description: '完整性（0–1）| Completeness, 0–1' }) completeness!: string;
  @Field(() => DecimalScalar, { description: '一致性（0–1）| Consistency, 0–1' }) consistency!: string;
  @Field(() => DecimalScalar, { description: '准确性（0–1）| Accuracy, 0–1' }) accuracy!: string;
  @Field(() => DecimalScalar, { description: '时效性（0–1）| Timeliness, 0–1' }) timeliness!: string;
}

@ObjectType({ description: '不可授权原因 | A reason the resource may not be authorized' })
export class CatalogAuthorizabilityReason {
  @Field({ description: '原因代码 | Reason code' }) code!: string;
  @Field({ description: '中文说明 | Explanation in Chinese' }) messageZh!: string;
  @Field({ description: '英文说明 | Explanation in English' }) messageEn!: string;
  @Field({ description: '依据 | Rule citation' }) rule!: string;
}

@ObjectType({ description: '是否可授权及原因 | Whether the resource may be authorized, and why not' })
export class CatalogAuthorizability {
  @Field({ description: '是否可授权运营 | Whether it may be authorized for operation' }) authorizable!: boolean;
  @Field(() => [CatalogAuthorizabilityReason], { description: '不可授权的原因（可授权时为空）| Reasons it may not be (empty when it may)' }) reasons!: CatalogAuthorizabilityReason[];
}

@ObjectType({ description: '回流来源（上级回流的数据）| Where returned data came from (data a higher level returned to the jurisdiction)' })
export class ReturnedOrigin {
  @Field(() => ReturnedLevel, { description: '回流层级 | The level that returned the data' }) level!: string;
  @Field({ description: '回流平台或主管部门 | The platform or authority that returned it' }) from!: string;
  @Field(() => String, { nullable: true, description: '回流系统中的编号（如省 IRS 目录编号）| The returning system\'s reference (e.g. its catalogue number in the province\'s IRS)' }) reference!: string | null;
}

@InputType({ description: '回流来源 | Where returned data came from' })
export class ReturnedOriginInput {
  @Field(() => ReturnedLevel, { description: '回流层级 | The level that returned the data' }) level!: string;
  @Field({ description: '回流平台或主管部门 | The platform or authority that returned it' }) from!: string;
  @Field(() => String, { nullable: true, description: '回流系统中的编号 | The returning system\'s reference' }) reference?: string | null;
}

@ObjectType({ description: '公共数据资源（仅元数据）| Public data resource (metadata only, never data)' })
@Directive('@key(fields: "id")')
export class DataResource {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) id!: string;
  @Field({ description: '辖区代码 | Jurisdiction code' }) jurisdiction!: string;
  @Field({ description: '资源编码（辖区内唯一）| Code, unique in its jurisdiction' }) code!: string;
  /*
   * Name, sector and source unit are shared with products (`@shareable`), which answers them from its
   * resource_projection for the resources of its products under the same visibility rule (access.ts, isPublicResource),
   * so the listing and the product page need no call to the catalog (docs/architecture.md).
   */
  @Directive('@shareable')
  @Field({ description: '名称 | Name (Chinese)' }) nameZh!: string;
  @Field({ description: '描述 | Description (Chinese)' }) descriptionZh!: string;
  @Directive('@shareable')
  @Field(() => CatalogSector, { description: '所属领域 | Sector' }) sector!: string;
  @Directive('@shareable')
  @Field(() => Organization, { description: '数源单位 | The source unit that owns the resource' }) sourceAgency!: Organization;
  @Field(() => [CatalogResourceField], { description: '数据项 | Fields' }) fields!: CatalogResourceField[];
  @Field(() => CatalogDataClass, { nullable: true, description: '分类 | Classification' }) classification!: string | null;
  @Field(() => CatalogGrade, { nullable: true, description: '分级 | Grade' }) grade!: string | null;
  @Field(() => CatalogOpenness, { description: '开放属性 | Openness class' }) openness!: string;
  @Field(() => CatalogProhibitedReason, { nullable: true, description: '禁止开放的原因 | Why it is closed (when prohibited)' }) prohibitedReason!: string | null;
  @Field(() => Organization, { nullable: true, description: '共享提供部门（通过部门间共享获得时）| Providing agency when obtained through sharing' }) sharedFromAgency!: Organization | null;
  @Field({ description: '提供部门是否同意授权 | Providing agency consented' }) sharingConsent!: boolean;
  @Field(() => ReturnedOrigin, { nullable: true, description: '回流来源：上级（如省公共数据平台）回流的数据，授权前可能须经上级同意（ZJC §三(五)2）；本级数据为空 | Where the data came from when a higher level returned it; granting it may need that level\'s consent (ZJC §三(五)2); null for the jurisdiction\'s own data' }) returnedOrigin!: ReturnedOrigin | null;
  @Field(() => CatalogUpdateFrequency, { description: '更新频率 | Update frequency' }) updateFrequency!: string;
  @Field(() => Int, { description: '记录数 | Number of records' }) recordCount!: number;
  @Field(() => Date, { nullable: true, description: '数据最近更新时间 | Last data update' }) lastDataUpdateAt!: Date | null;
  @Field(() => CatalogQuality, { description: '数据质量评分 | Data quality scores' }) quality!: CatalogQuality;
  @Field(() => DataResourceStatus, { description: '目录状态 | Catalogue status' }) status!: string;
  @Field(() => Int, { description: '当前版本号 | Current version' }) version!: number;
  @Field({ description: '是否已完成资源登记（赋码）| Has a coded registration' }) registered!: boolean;
  @Field(() => CatalogAuthorizability, { description: '是否可授权运营及原因 | Whether the resource may be authorized for operation, and why not' }) authorizability!: CatalogAuthorizability;
  @Field(() => Date, { description: '创建时间 | When it was catalogued' }) createdAt!: Date;
  @Field(() => Date, { description: '更新时间 | Last change' }) updatedAt!: Date;
}

@ObjectType({ description: '数据资源分页列表 | Page of data resources' })
export class DataResourceConnection extends Connection(DataResource) {}

@ObjectType({ description: '资源版本（不可变）| An immutable version of a resource' })
export class DataResourceVersion {
  @Field(() => ID, { description: '版本记录标识 | Id of the version record' }) id!: string;
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => Int, { description: '版本号 | Version number' }) version!: number;
  @Field({ description: '变更类型：CREATED / EDITED / WITHDRAWN / CORRECTED / ORIGIN_CORRECTED / REGISTRATION_CODED / REGISTRATION_ENDED / DATA_LOADED | What made this version' }) action!: string;
  @Field(() => GraphQLJSON, { description: '该版本的完整内容 | Full content of this version' }) snapshot!: unknown;
  @Field(() => GraphQLJSON, { description: '与上一版本的差异 {字段: {from, to}} | Diff from the previous version' }) changes!: unknown;
  @Field({ description: '修改人 | Who' }) changedBy!: string;
  @Field(() => ID, { nullable: true, description: '修改人所属主体 | Organization of the person who changed it' }) changedByOrg!: string | null;
  @Field(() => Date, { description: '修改时间 | When it changed' }) changedAt!: Date;
  @Field(() => String, { nullable: true, description: '修改说明 | Note on the change' }) note!: string | null;
}

@ObjectType({ description: '资源版本分页列表 | Page of resource versions' })
export class DataResourceVersionConnection extends Connection(DataResourceVersion) {}

@ObjectType({ description: '分面中的一个取值及其计数 | One value of a facet, with its count' })
export class CatalogFacetBucket {
  @Field({ description: '取值 | Value' }) value!: string;
  @Field(() => String, { nullable: true, description: '中文标签 | Chinese label' }) labelZh!: string | null;
  @Field(() => Int, { description: '符合条件的资源数 | Matching resources' }) count!: number;
}

@ObjectType({ description: '分面计数：每个维度之和等于 totalCount | Facet counts; each dimension sums to totalCount' })
export class CatalogFacets {
  @Field(() => [CatalogFacetBucket], { description: '按领域 | By sector' }) sector!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按数源单位 | By source unit' }) sourceAgency!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按分级 | By grade' }) grade!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按开放属性 | By openness' }) openness!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按更新频率 | By update frequency' }) updateFrequency!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按是否可授权 | By whether authorizable' }) authorizable!: CatalogFacetBucket[];
  @Field(() => [CatalogFacetBucket], { description: '按辖区 | By jurisdiction' }) jurisdiction!: CatalogFacetBucket[];
}

@ObjectType({ description: '目录检索结果 | Catalog search result' })
export class CatalogSearchResult extends Connection(DataResource, { name: 'CatalogSearchHit' }) {
  @Field(() => CatalogFacets, { description: '分面计数 | Facet counts' }) facets!: CatalogFacets;
}

@ObjectType({ description: '数据领域 | A data sector' })
export class CatalogSectorInfo {
  @Field(() => CatalogSector, { description: '领域代码 | Sector code' }) code!: string;
  @Field({ description: '领域名称 | Sector name' }) nameZh!: string;
}

// ── inputs ────────────────────────────────────────────────────────────────
@InputType({ description: '数据项 | A field of a resource' })
export class CatalogResourceFieldInput {
  @Field({ description: '数据项名称 | Field name' }) name!: string;
  @Field({ description: '数据类型 | Data type' }) type!: string;
  @Field({ defaultValue: '', description: '数据项说明 | What the field holds' }) descriptionZh!: string;
  @Field({ defaultValue: false, description: '是否个人信息 | Holds personal information' }) personalInformation!: boolean;
  @Field({ defaultValue: false, description: '是否敏感 | Holds sensitive data' }) sensitive!: boolean;
  @Field({ defaultValue: false, description: '是否必填 | Required in every row of a load' }) required!: boolean;
}

@InputType({ description: '数据质量评分（0–1）| Data quality scores (0–1)' })
export class CatalogQualityInput {
  @Field(() => DecimalScalar, { description: '完整性 | Completeness' }) completeness!: string;
  @Field(() => DecimalScalar, { description: '一致性 | Consistency' }) consistency!: string;
  @Field(() => DecimalScalar, { description: '准确性 | Accuracy' }) accuracy!: string;
  @Field(() => DecimalScalar, { description: '时效性 | Timeliness' }) timeliness!: string;
}

@InputType({ description: '资源可修改内容（未给出的不变）| Changeable content; omitted fields stay as they are' })
export class DataResourcePatchInput {
  @Field({ nullable: true, description: '资源编码 | Resource code' }) code?: string;
  @Field({ nullable: true, description: '资源名称 | Resource name' }) nameZh?: string;
  @Field({ nullable: true, description: '资源说明 | Description' }) descriptionZh?: string;
  @Field(() => CatalogSector, { nullable: true, description: '所属领域 | Sector' }) sector?: string;
  @Field(() => [CatalogResourceFieldInput], { nullable: true, description: '数据项 | Fields' }) fields?: CatalogResourceFieldInput[];
  @Field(() => CatalogDataClass, { nullable: true, description: '数据分类 | Data class' }) classification?: string | null;
  @Field(() => CatalogGrade, { nullable: true, description: '数据分级 | Grade' }) grade?: string | null;
  @Field(() => CatalogOpenness, { nullable: true, description: '开放属性 | Openness class' }) openness?: string;
  @Field(() => CatalogProhibitedReason, { nullable: true, description: '禁止开放的原因 | Why it is closed' }) prohibitedReason?: string | null;
  @Field(() => ID, { nullable: true, description: '共享来源单位 | Unit the data was shared from' }) sharedFromAgencyId?: string | null;
  @Field({ nullable: true, description: '共享来源单位是否同意授权运营 | Whether the sharing unit consents to authorized operation' }) sharingConsent?: boolean;
  @Field(() => CatalogUpdateFrequency, { nullable: true, description: '更新频率 | Update frequency' }) updateFrequency?: string;
  @Field(() => Int, { nullable: true, description: '记录数 | Number of records' }) recordCount?: number;
  @Field(() => Date, { nullable: true, description: '数据最近更新时间 | When the data was last updated' }) lastDataUpdateAt?: Date | null;
  @Field(() => CatalogQualityInput, { nullable: true, description: '数据质量评分 | Data quality scores' }) quality?: CatalogQualityInput | null;
}

@InputType({ description: '新数据资源 | A resource to catalogue' })
export class CreateDataResourceInput {
  @Field({ nullable: true, description: '默认为调用者辖区 | Defaults to the caller\'s jurisdiction' }) jurisdiction?: string;
  @Field(() => ID, { description: '数源单位 | Source unit that holds the data' }) sourceAgencyId!: string;
  @Field({ description: '资源编码（辖区内唯一）| Resource code, unique in its jurisdiction' }) code!: string;
  @Field({ description: '资源名称 | Resource name' }) nameZh!: string;
  @Field({ defaultValue: '', description: '资源说明 | Description' }) descriptionZh!: string;
  @Field(() => CatalogSector, { description: '所属领域 | Sector' }) sector!: string;
  @Field(() => [CatalogResourceFieldInput], { description: '数据项 | Fields' }) fields!: CatalogResourceFieldInput[];
  @Field(() => CatalogDataClass, { nullable: true, description: '数据分类 | Data class' }) classification?: string | null;
  @Field(() => CatalogGrade, { nullable: true, description: '数据分级 | Grade' }) grade?: string | null;
  @Field(() => CatalogOpenness, { description: '开放属性 | Openness class' }) openness!: string;
  @Field(() => CatalogProhibitedReason, { nullable: true, description: '禁止开放的原因 | Why it is closed' }) prohibitedReason?: string | null;
  @Field(() => ID, { nullable: true, description: '共享来源单位 | Unit the data was shared from' }) sharedFromAgencyId?: string | null;
  @Field({ nullable: true, description: '共享来源单位是否同意授权运营 | Whether the sharing unit consents to authorized operation' }) sharingConsent?: boolean;
  @Field(() => ReturnedOriginInput, { nullable: true, description: '回流来源（上级回流的数据；本级数据不填）| Where the data came from when a higher level returned it (omit for own data)' }) returnedOrigin?: ReturnedOriginInput | null;
  @Field(() => CatalogUpdateFrequency, { description: '更新频率 | Update frequency' }) updateFrequency!: string;
  @Field(() => Int, { defaultValue: 0, description: '记录数 | Number of records' }) recordCount!: number;
  @Field(() => Date, { nullable: true, description: '数据最近更新时间 | When the data was last updated' }) lastDataUpdateAt?: Date | null;
  @Field(() => CatalogQualityInput, { nullable: true, description: '数据质量评分 | Data quality scores' }) quality?: CatalogQualityInput | null;
}

@InputType({ description: '修改数据资源 | Edit a resource' })
export class EditDataResourceInput extends DataResourcePatchInput {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) id!: string;
  @Field(() => Int, { nullable: true, description: '编辑时看到的版本（并发保护）| Version you edited (optimistic lock)' }) expectedVersion?: number;
  @Field({ nullable: true, description: '修改说明 | Change note' }) note?: string;
}

@InputType({ description: '目录检索条件 | Catalog search filter' })
export class CatalogSearchFilter {
  @Field({ nullable: true, description: '检索词：名称、描述、数据项 | Text over name, description and field names' }) q?: string;
  @Field(() => [CatalogSector], { nullable: true, description: '领域（任一）| Any of these sectors' }) sectors?: string[];
  @Field(() => [ID], { nullable: true, description: '数源单位（任一）| Any of these source units' }) sourceAgencyIds?: string[];
  @Field(() => [CatalogGradeFilter], { nullable: true, description: '分级（任一）| Any of these grades' }) grades?: string[];
  @Field(() => [CatalogOpenness], { nullable: true, description: '开放属性（任一）| Any of these openness classes' }) openness?: string[];
  @Field(() => [CatalogUpdateFrequency], { nullable: true, description: '更新频率（任一）| Any of these update frequencies' }) updateFrequencies?: string[];
  @Field({ nullable: true, description: '是否可授权 | Authorizable or not' }) authorizable?: boolean;
  @Field(() => [String], { nullable: true, description: '辖区（任一）| Any of these jurisdictions' }) jurisdictions?: string[];
  @Field({ nullable: true, description: '包含已撤回（仅有权者可见）| Include withdrawn (privileged callers only)' }) includeWithdrawn?: boolean;
}

