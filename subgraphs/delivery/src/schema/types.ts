import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@pdo/platform';

export enum RawDataFormat {
  CSV = 'CSV',
  JSONL = 'JSONL',
}
registerEnumType(RawDataFormat, { name: 'RawDataFormat', description: '归集文件格式 | Load file format', valuesConfig: { CSV: { description: 'CSV（首行为表头）| CSV with a header row' }, JSONL: { description: 'JSON Lines（每行一个对象）| One JSON object per line' } } });

export enum RawContentEncoding {
  TEXT = 'TEXT',
  BASE64 = 'BASE64',
}
registerEnumType(RawContentEncoding, { name: 'RawContentEncoding', description: '内容编码 | How the file content is carried in the request' });

export enum RawDataBatchStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(RawDataBatchStatus, { name: 'RawDataBatchStatus', description: '批次状态 | Batch status', valuesConfig: { CURRENT: { description: '当前批次（运行时读取）| The current batch (what executions read)' }, SUPERSEDED: { description: '已被新批次取代（留存备查）| Superseded by a newer batch (kept for audit)' } } });

// ── stubs of other subgraphs' entities ───────────────────────────────────────
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class DataResource {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '数据项空值比例 | Share of rows without a value, per field' })
export class RawFieldNullRatio {
  @Field(() => String) field!: string;
  @Field(() => String, { description: '0.0000–1.0000' }) ratio!: string;
}

@ObjectType({ description: '原始数据归集批次（只有统计信息，从不含数据本身）| A raw-data load batch (facts only, never the data)' })
export class RawDataBatch {
  @Field(() => ID) id!: string;
  @Field(() => ID) resourceId!: string;
  @Field(() => DataResource, { description: '数据资源 | The resource (catalog)' }) resource!: DataResource;
  @Field(() => Int, { description: '校验所依据的资源目录版本 | Catalog version whose fields the rows were validated against' }) resourceVersion!: number;
  @Field(() => Int, { description: '数据结构修订号（数据项变化时递增）| Data schema revision (changes when the declared fields change)' }) schemaRevision!: number;
  @Field(() => Int, { description: '批次号（按资源递增）| Batch number, per resource' }) batchNo!: number;
  @Field(() => RawDataFormat) format!: RawDataFormat;
  @Field(() => String, { description: '所收字节的 SHA-256（十六进制）| SHA-256 of the bytes received (hex)' }) sha256!: string;
  @Field(() => Int) byteSize!: number;
  @Field(() => Int) rowCount!: number;
  @Field(() => [RawFieldNullRatio]) nullRatios!: RawFieldNullRatio[];
  @Field(() => RawDataBatchStatus) status!: RawDataBatchStatus;
  @Field(() => String, { description: '归集人 | Who loaded it' }) loadedBy!: string;
  @Field(() => Organization, { nullable: true }) loadedByOrganization!: Organization | null;
  @Field(() => Date) loadedAt!: Date;
  @Field(() => Date, { nullable: true }) supersededAt!: Date | null;
  @Field(() => Int, { nullable: true }) supersededByBatchNo!: number | null;
}

@ObjectType()
export class RawDataBatchConnection extends Connection(RawDataBatch) {}

@InputType({ description: '归集一批原始数据 | Load a batch of a resource\'s raw data' })
export class LoadRawDataInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => RawDataFormat) format!: RawDataFormat;
  @Field(() => RawContentEncoding, { defaultValue: RawContentEncoding.TEXT, description: 'TEXT：内容即文件文本；BASE64：文件字节的 base64 | TEXT: the file as text; BASE64: its bytes in base64' })
  encoding!: RawContentEncoding;
  @Field(() => String, { description: '文件内容（大小上限 RAW_LOAD_MAX_BYTES）| The file content (at most RAW_LOAD_MAX_BYTES)' }) content!: string;
}
