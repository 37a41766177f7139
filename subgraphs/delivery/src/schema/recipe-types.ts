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
registerEnumType(RecipeParameterType, { name: 'RecipeParameterType', description: '参数类型 | Parameter type', valuesConfig: { text: { description: '文本 | Text' }, integer: { description: '整数 | Integer' }, numeric: { description: '小数 | Decimal number' }, date: { description: '日期 | Date' }, boolean: { description: '是/否 | Yes or no' } } });

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

@ObjectType({ description: '数据产品（由 products 子图提供）| Data product (owned by products)' })
@Directive('@key(fields: "id", resolvable: false)')
export class DataProduct {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) id!: string;
}

@ObjectType({ description: '配方参数 | A declared parameter ($1 is the first)' })
export class RecipeParameter {
  @Field(() => String, { description: '参数名 | Name' }) name!: string;
  @Field(() => RecipeParameterType, { description: '参数类型 | Type' }) type!: RecipeParameterType;
}

@ObjectType({ description: '声明的输出列 | A declared output column' })
export class RecipeOutput {
  @Field(() => String, { description: '列名 | Column name' }) name!: string;
  @Field(() => RecipeOutputKind, { description: '列类别 | Kind of column' }) kind!: RecipeOutputKind;
}

@ObjectType({ description: '配方读取的资源表 | A resource table the recipe reads' })
export class RecipeTable {
  @Field(() => String, { description: '配方中的表名 | Table name as the recipe writes it' }) name!: string;
  @Field(() => String, { description: '运营域中的当前批次视图 | The current-batch view in the operating domain' }) physical!: string;
}

@ObjectType({ description: '输出列的分析结果 | Analysis of one output column' })
export class RecipeColumn {
  @Field(() => String, { description: '列名 | Column name' }) name!: string;
  @Field(() => RecipeOutputKind, { description: '列类别 | Kind of column' }) kind!: RecipeOutputKind;
  @Field(() => [String], { description: '来源字段（表.字段）| Source fields (table.field)' }) sources!: string[];
  @Field(() => Boolean, { description: '是否为聚合值 | Whether it is an aggregate' }) aggregated!: boolean;
  @Field(() => Boolean, { description: '是否脱敏 | Whether it is masked' }) masked!: boolean;
  @Field(() => [String], { description: '被归约为判断或分档的敏感字段 | Sensitive sources reduced to a predicate or banding' }) reduced!: string[];
}

@ObjectType({ description: '配方分析（合规审核“原始数据不出域”的证据）| The recipe analysis: evidence of RAW_DATA_STAYS_IN_DOMAIN' })
export class RecipeAnalysisView {
  @Field(() => [RecipeTable], { description: '读取的资源表 | Tables read' }) tables!: RecipeTable[];
  @Field(() => [RecipeColumn], { description: '输出列 | Output columns' }) columns!: RecipeColumn[];
  @Field(() => Int, { description: '最小分组规模 k | Least distinct subjects per released group' }) k!: number;
  @Field(() => Boolean, { description: '是否为聚合查询 | Whether the query aggregates' }) aggregate!: boolean;
  @Field(() => [String], { description: '用于筛选行的字段 | Fields that filter rows' }) filters!: string[];
  @Field(() => [String], { description: '提请审核人注意的事项 | Notes for the reviewer' }) reviewNotes!: string[];
  @Field(() => Int, { description: '分析器版本 | Version of the analyser' }) parserVersion!: number;
  @Field(() => String, { description: '配方 SQL 的 SHA-256 | SHA-256 of the recipe\'s SQL' }) sqlSha256!: string;
}

@ObjectType({ description: '配方违规项 | Why a recipe was refused' })
export class RecipeViolation {
  @Field(() => String, { description: '稳定代码（docs/operating-domain/recipes.md）| Stable code' }) code!: string;
  @Field(() => Int, { nullable: true, description: 'SQL 中的字节位置 | Byte offset in the SQL' }) at!: number | null;
  @Field(() => String, { nullable: true, description: '涉及的对象（表或列）| Table or column concerned' }) subject!: string | null;
  @Field(() => String, { description: '中文说明 | Explanation in Chinese' }) messageZh!: string;
  @Field(() => String, { description: '英文说明 | Explanation in English' }) messageEn!: string;
}

@ObjectType({ description: '产品版本的可执行配方 | The executable recipe of a product version' })
export class Recipe {
  @Field(() => ID, { description: '配方标识 | Id of the recipe' }) id!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => DataProduct, { description: '所属产品 | The product' }) product!: DataProduct;
  @Field(() => Int, { description: '产品版本 | Product version' }) version!: number;
  @Field(() => RecipeStatus, { description: '配方状态 | Status' }) status!: RecipeStatus;
  @Field(() => String, { description: '配方 SQL | The recipe\'s SQL' }) sql!: string;
  @Field(() => String, { description: '配方 SQL 的 SHA-256 | SHA-256 of the SQL' }) sqlSha256!: string;
  @Field(() => Int, { description: '最小分组规模 | Least distinct subjects per released group' }) k!: number;
  @Field(() => [RecipeParameter], { description: '参数 | Parameters' }) parameters!: RecipeParameter[];
  @Field(() => [RecipeOutput], { description: '声明的输出列 | Declared output columns' }) outputs!: RecipeOutput[];
  @Field(() => RecipeAnalysisView, { nullable: true, description: '运营域的分析 | The operating domain\'s analysis' }) analysis!: RecipeAnalysisView | null;
  @Field(() => [RecipeViolation], { description: '违规项 | Violations' }) violations!: RecipeViolation[];
  @Field(() => String, { description: '提交人 | Who submitted it' }) submittedBy!: string;
  @Field(() => Date, { description: '提交时间 | When submitted' }) submittedAt!: Date;
}

@InputType({ description: '配方参数 | A declared parameter' })
export class RecipeParameterInput {
  @Field(() => String, { description: '参数名 | Name' }) name!: string;
  @Field(() => RecipeParameterType, { description: '参数类型 | Type' }) type!: RecipeParameterType;
}

@InputType({ description: '声明的输出列 | A declared output column' })
export class RecipeOutputInput {
  @Field(() => String, { description: '列名 | Column name' }) name!: string;
  @Field(() => RecipeOutputKind, { description: '列类别 | Kind of column' }) kind!: RecipeOutputKind;
}

@InputType({ description: '资源的主体字段（k 按其去重计数）| The field naming the data subject of a resource' })
export class RecipeSubjectInput {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => String, { description: '主体字段 | Field naming the subject' }) field!: string;
}

@InputType({ description: '核验产品某输出列允许的取值 | Values a verification column may answer' })
export class VerificationValuesInput {
  @Field(() => String, { description: '输出列 | Output column' }) column!: string;
  @Field(() => [GraphQLJSON], { description: '允许的取值 | Values allowed' }) values!: (string | number | boolean | null)[];
}

@InputType({ description: '提交产品版本的可执行配方 | Submit the executable recipe of a product version' })
export class SubmitRecipeInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => Int, { description: '产品版本 | Product version' }) version!: number;
  @Field(() => String, { description: '配方 SQL | The recipe\'s SQL' }) sql!: string;
  @Field(() => [RecipeParameterInput], { defaultValue: [], description: '参数 | Parameters' }) parameters!: RecipeParameterInput[];
  @Field(() => [RecipeOutputInput], { description: '声明的输出列 | Declared output columns' }) outputs!: RecipeOutputInput[];
  @Field(() => [RecipeSubjectInput], { defaultValue: [], description: '主体字段 | Subject fields' }) subjects!: RecipeSubjectInput[];
  @Field(() => Int, { nullable: true, description: '不低于辖区最小分组规模 | At least the jurisdiction minimum' }) k?: number | null;
  @Field(() => [VerificationValuesInput], { nullable: true, description: '核验产品的允许取值 | Values a verification product may return' }) verification?: VerificationValuesInput[] | null;
}
