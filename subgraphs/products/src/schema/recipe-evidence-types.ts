import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The operating domain's recipe analysis as compliance review shows it (RecipeAnalysed from delivery, HN Art 15). */

@ObjectType({ description: '配方读取的资源表 | A resource table the recipe reads' })
export class ProductRecipeTable {
  @Field(() => String) name!: string;
  @Field(() => ID) resourceId!: string;
}

@ObjectType({ description: '配方输出列及其类别 | An output column of the recipe with its kind' })
export class ProductRecipeColumn {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'AGGREGATE | SCORE | LABEL | FLAG | MASKED | DERIVED' }) kind!: string;
  @Field(() => [String]) sources!: string[];
  @Field(() => Boolean) aggregated!: boolean;
  @Field(() => Boolean) masked!: boolean;
}

@ObjectType({ description: '运营域对配方的分析（“原始数据不出域”的证据，HN Art 15）| The operating domain\'s analysis of the recipe: evidence of RAW_DATA_STAYS_IN_DOMAIN' })
export class ProductRecipeEvidence {
  @Field(() => ID) recipeId!: string;
  @Field(() => String, { description: 'ACCEPTED | REFUSED' }) outcome!: string;
  @Field(() => String) sqlSha256!: string;
  @Field(() => Int, { description: '最小分组规模 | Least distinct subjects per released group' }) k!: number;
  @Field(() => Boolean) aggregate!: boolean;
  @Field(() => [ProductRecipeTable]) tables!: ProductRecipeTable[];
  @Field(() => [ProductRecipeColumn]) columns!: ProductRecipeColumn[];
  @Field(() => [String]) filters!: string[];
  @Field(() => [String]) reviewNotes!: string[];
  @Field(() => [String], { description: '未通过时的违规代码 | Violation codes of a refused analysis' }) violations!: string[];
  @Field(() => String) analysedAt!: string;
}
