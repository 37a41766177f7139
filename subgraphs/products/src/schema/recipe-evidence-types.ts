import { Field, ID, Int, ObjectType } from 'type-graphql';

/* The operating domain's recipe analysis as compliance review shows it (RecipeAnalysed from delivery, HN Art 15). */

@ObjectType({ description: '配方读取的资源表 | A resource table the recipe reads' })
export class ProductRecipeTable {
  @Field(() => String, { description: '表名（配方中的引用名）| Table name as the recipe refers to it' }) name!: string;
  @Field(() => ID, { description: '对应的数据资源 | Id of the resource it is' }) resourceId!: string;
}

@ObjectType({ description: '配方输出列及其类别 | An output column of the recipe with its kind' })
export class ProductRecipeColumn {
  @Field(() => String, { description: '输出列名 | Column name' }) name!: string;
  @Field(() => String, { description: '列类别：AGGREGATE / SCORE / LABEL / FLAG / MASKED / DERIVED | Kind of the column' }) kind!: string;
  @Field(() => [String], { description: '来源字段 | Source columns it derives from' }) sources!: string[];
  @Field(() => Boolean, { description: '是否为聚合值 | Whether it is an aggregate' }) aggregated!: boolean;
  @Field(() => Boolean, { description: '是否脱敏 | Whether it is masked' }) masked!: boolean;
}

@ObjectType({ description: '运营域对配方的分析（“原始数据不出域”的证据，HN Art 15）| The operating domain\'s analysis of the recipe: evidence of RAW_DATA_STAYS_IN_DOMAIN' })
export class ProductRecipeEvidence {
  @Field(() => ID, { description: '配方标识 | Id of the recipe' }) recipeId!: string;
  @Field(() => String, { description: '分析结论：ACCEPTED 通过 / REFUSED 不通过 | Outcome: ACCEPTED or REFUSED' }) outcome!: string;
  @Field(() => String, { description: '配方 SQL 的 SHA-256 | SHA-256 of the recipe\'s SQL' }) sqlSha256!: string;
  @Field(() => Int, { description: '最小分组规模 | Least distinct subjects per released group' }) k!: number;
  @Field(() => Boolean, { description: '是否为聚合查询 | Whether the query aggregates' }) aggregate!: boolean;
  @Field(() => [ProductRecipeTable], { description: '读取的资源表 | Tables read' }) tables!: ProductRecipeTable[];
  @Field(() => [ProductRecipeColumn], { description: '输出列 | Output columns' }) columns!: ProductRecipeColumn[];
  @Field(() => [String], { description: '过滤条件 | Filters applied' }) filters!: string[];
  @Field(() => [String], { description: '审核提示 | Notes for the reviewer' }) reviewNotes!: string[];
  @Field(() => [String], { description: '未通过时的违规代码 | Violation codes of a refused analysis' }) violations!: string[];
  @Field(() => String, { description: '分析时间 | When analysed' }) analysedAt!: string;
}
