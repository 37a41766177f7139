import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '@pdo/platform';

/** Export files and reference data: shapes with no money of their own. */
@ObjectType({ description: '导出文件（base64）| An export file, base64-encoded' })
export class ExportFile {
  @Field(() => String, { description: '建议文件名 | Suggested file name' }) filename!: string;
  @Field(() => String, { description: '文件类型（MIME）| MIME type, e.g. text/csv; charset=utf-8' }) contentType!: string;
  @Field(() => String, { description: '文件内容（base64；CSV 以 UTF-8 BOM 开头）| The file\'s bytes, base64 (a CSV starts with the UTF-8 BOM)' }) base64!: string;
}

@ObjectType({ description: '十年期国债年平均收益率（参考数据，PN §3(1)）| Average 10-year government bond yield of a year (reference data)' })
export class BondYield {
  @Field(() => ID, { description: '记录标识 | Id of the record' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Int, { description: '年度 | Year' }) year!: number;
  @Field(() => Int, { description: '版本：每次载入或更正新增一版，最高版本生效 | Version: each load or correction adds one, the highest is in force' }) version!: number;
  @Field(() => DecimalScalar, { description: '年平均收益率（%）| Annual average yield (%)' }) yieldPercent!: string;
  @Field(() => String, { description: '来源文件 | Source document' }) sourceDocument!: string;
  @Field(() => Boolean, { description: '演示用示意数据 | Illustrative demo figure, not an official one' }) illustrative!: boolean;
  @Field(() => String, { description: '载入人 | Who loaded it' }) loadedBy!: string;
  @Field(() => Date, { description: '载入时间 | When loaded' }) loadedAt!: Date;
}

