import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from '@pdo/platform';

export enum RecipeStatus {
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(RecipeStatus, {
  name: 'RecipeStatus',
  description: '配方分析结论 | Outcome of the recipe analysis',
  valuesConfig: { ACCEPTED: { description: '通过分析 | Accepted' }, REFUSED: { description: '未通过（见违规项）| Refused (see violations)' }, SUPERSEDED: { description: '已被新提交取代 | Superseded by a newer submission' } },
});

export enum RecipeParameterType {
  text = 'text',
  integer = 'integer',
  numeric = 'numeric',
  date = 'date',
  boolean = 'boolean',
}
registerEnumType(RecipeParameterType, { name: 'RecipeParameterType', description: '参数类型 | Parameter type' });

export enum RecipeOutputKind {
  AGGREGATE = 'AGGREGATE',
  SCORE = 'SCORE',
  LABEL = 'LABEL',
  FLAG = 'FLAG',
  MASKED = 'MASKED',
  DERIVED = 'DERIVED',
}
registerEnumType(RecipeOutputKind, {
  name: 'RecipeOutputKind',
  description: '输出列类别 | Kind of an output column',
  valuesConfig: {
    AGGREGATE: { description: '聚合值（受 k 约束）| Aggregate (k applies)' },
    SCORE: { description: '评分 | Score' },
    LABEL: { description: '标签 | Label' },
    FLAG: { description: '核验标志 | Flag' },
    MASKED: { description: '脱敏值 | Masked value' },
    DERIVED: { description: '派生值 | Derived value' },
  },
});

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class DataProduct {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '配方参数 | A declared parameter ($1 is the first)' })
export class RecipeParameter {
  @Field(() => String) name!: string;
  @Field(() => RecipeParameterType) type!: RecipeParameterType;
}

@ObjectType({ description: '声明的输出列 | A declared output column' })
export class RecipeOutput {
  @Field(() => String) name!: string;
  @Field(() => RecipeOutputKind) kind!: RecipeOutputKind;
}

@ObjectType({ description: '配方读取的资源表 | A resource table the recipe reads' })
export class RecipeTable {
  @Field(() => String, { description: '配方中的表名 | Table name as the recipe writes it' }) name!: string;
  @Field(() => String, { description: '运营域中的当前批次视图 | The current-batch view in the operating domain' }) physical!: string;
}

@ObjectType({ description: '输出列的分析结果 | Analysis of one output column' })
export class RecipeColumn {
  @Field(() => String) name!: string;
  @Field(() => RecipeOutputKind) kind!: RecipeOutputKind;
  @Field(() => [String], { description: '来源字段（表.字段）| Source fields (table.field)' }) sources!: string[];
  @Field(() => Boolean) aggregated!: boolean;
  @Field(() => Boolean) masked!: boolean;
  @Field(() => [String], { description: '被归约为判断或分档的敏感字段 | Sensitive sources reduced to a predicate or banding' }) reduced!: string[];
}

@ObjectType({ description: '配方分析（合规审核“原始数据不出域”的证据）| The recipe analysis: evidence of RAW_DATA_STAYS_IN_DOMAIN' })
export class RecipeAnalysisView {
  @Field(() => [RecipeTable]) tables!: RecipeTable[];
  @Field(() => [RecipeColumn]) columns!: RecipeColumn[];
  @Field(() => Int, { description: '最小分组规模 k | Least distinct subjects per released group' }) k!: number;
  @Field(() => Boolean) aggregate!: boolean;
  @Field(() => [String], { description: '用于筛选行的字段 | Fields that filter rows' }) filters!: string[];
  @Field(() => [String], { description: '提请审核人注意的事项 | Notes for the reviewer' }) reviewNotes!: string[];
  @Field(() => Int) parserVersion!: number;
  @Field(() => String) sqlSha256!: string;
}

@ObjectType({ description: '配方违规项 | Why a recipe was refused' })
export class RecipeViolation {
  @Field(() => String, { description: '稳定代码（docs/operating-domain/recipes.md）| Stable code' }) code!: string;
  @Field(() => Int, { nullable: true, description: 'SQL 中的字节位置 | Byte offset in the SQL' }) at!: number | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
}

@ObjectType({ description: '产品版本的可执行配方 | The executable recipe of a product version' })
export class Recipe {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => DataProduct) product!: DataProduct;
  @Field(() => Int) version!: number;
  @Field(() => RecipeStatus) status!: RecipeStatus;
  @Field(() => String) sql!: string;
  @Field(() => String) sqlSha256!: string;
  @Field(() => Int) k!: number;
  @Field(() => [RecipeParameter]) parameters!: RecipeParameter[];
  @Field(() => [RecipeOutput]) outputs!: RecipeOutput[];
  @Field(() => RecipeAnalysisView, { nullable: true }) analysis!: RecipeAnalysisView | null;
  @Field(() => [RecipeViolation]) violations!: RecipeViolation[];
  @Field(() => String) submittedBy!: string;
  @Field(() => Date) submittedAt!: Date;
}

@InputType()
export class RecipeParameterInput {
  @Field(() => String) name!: string;
  @Field(() => RecipeParameterType) type!: RecipeParameterType;
}

@InputType()
export class RecipeOutputInput {
  @Field(() => String) name!: string;
  @Field(() => RecipeOutputKind) kind!: RecipeOutputKind;
}

@InputType({ description: '资源的主体字段（k 按其去重计数）| The field naming the data subject of a resource' })
export class RecipeSubjectInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => String) field!: string;
}

@InputType({ description: '核验产品某输出列允许的取值 | Values a verification column may answer' })
export class VerificationValuesInput {
  @Field(() => String) column!: string;
  @Field(() => [GraphQLJSON]) values!: (string | number | boolean | null)[];
}

@InputType({ description: '提交产品版本的可执行配方 | Submit the executable recipe of a product version' })
export class SubmitRecipeInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) sql!: string;
  @Field(() => [RecipeParameterInput], { defaultValue: [] }) parameters!: RecipeParameterInput[];
  @Field(() => [RecipeOutputInput]) outputs!: RecipeOutputInput[];
  @Field(() => [RecipeSubjectInput], { defaultValue: [] }) subjects!: RecipeSubjectInput[];
  @Field(() => Int, { nullable: true, description: '不低于辖区最小分组规模 | At least the jurisdiction minimum' }) k?: number | null;
  @Field(() => [VerificationValuesInput], { nullable: true }) verification?: VerificationValuesInput[] | null;
}
