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
registerEnumType(RawContentEncoding, { name: 'RawContentEncoding', description: '内容编码 | How the file content is carried in the request', valuesConfig: { TEXT: { description: '纯文本 | Plain text' }, BASE64: { description: 'base64 编码 | Base64-encoded' } } });

export enum RawDataBatchStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(RawDataBatchStatus, { name: 'RawDataBatchStatus', description: '批次状态 | Batch status', valuesConfig: { CURRENT: { description: '当前批次（运行时读取）| The current batch (what executions read)' }, SUPERSEDED: { description: '已被新批次取代（留存备查）| Superseded by a newer batch (kept for audit)' } } });

// ── stubs of other subgraphs' entities ───────────────────────────────────────
@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
}

@ObjectType({ description: '数据资源（由 catalog 子图提供）| Data resource (owned by catalog)' })
@Directive('@key(fields: "id", resolvable: false)')
export class DataResource {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) id!: string;
}

@ObjectType({ description: '数据项空值比例 | Share of rows without a value, per field' })
export class RawFieldNullRatio {
  @Field(() => String, { description: '数据项 | Field' }) field!: string;
  @Field(() => String, { description: '空值比例（0.0000–1.0000）| Share of empty values, 0.0000–1.0000' }) ratio!: string;
}

@ObjectType({ description: '原始数据归集批次（只有统计信息，从不含数据本身）| A raw-data load batch (facts only, never the data)' })
export class RawDataBatch {
  @Field(() => ID, { description: '批次标识 | Id of the batch' }) id!: string;
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => DataResource, { description: '数据资源 | The resource (catalog)' }) resource!: DataResource;
  @Field(() => Int, { description: '校验所依据的资源目录版本 | Catalog version whose fields the rows were validated against' }) resourceVersion!: number;
  @Field(() => Int, { description: '数据结构修订号（数据项变化时递增）| Data schema revision (changes when the declared fields change)' }) schemaRevision!: number;
  @Field(() => Int, { description: '批次号（按资源递增）| Batch number, per resource' }) batchNo!: number;
  @Field(() => RawDataFormat, { description: '文件格式 | Format' }) format!: RawDataFormat;
  @Field(() => String, { description: '所收字节的 SHA-256（十六进制）| SHA-256 of the bytes received (hex)' }) sha256!: string;
  @Field(() => Int, { description: '字节数 | Size in bytes' }) byteSize!: number;
  @Field(() => Int, { description: '行数 | Rows' }) rowCount!: number;
  @Field(() => [RawFieldNullRatio], { description: '各数据项空值比例 | Share of empty values per field' }) nullRatios!: RawFieldNullRatio[];
  @Field(() => RawDataBatchStatus, { description: '批次状态 | Status' }) status!: RawDataBatchStatus;
  @Field(() => String, { description: '归集人 | Who loaded it' }) loadedBy!: string;
  @Field(() => Organization, { nullable: true, description: '归集单位 | Organization that loaded it' }) loadedByOrganization!: Organization | null;
  @Field(() => Date, { description: '归集时间 | When loaded' }) loadedAt!: Date;
  @Field(() => Date, { nullable: true, description: '被替代时间 | When superseded' }) supersededAt!: Date | null;
  @Field(() => Int, { nullable: true, description: '替代它的批次号 | Batch that superseded it' }) supersededByBatchNo!: number | null;
}

@ObjectType({ description: '原始数据批次分页列表 | Page of raw data batches' })
export class RawDataBatchConnection extends Connection(RawDataBatch) {}

@InputType({ description: '归集一批原始数据 | Load a batch of a resource\'s raw data' })
export class LoadRawDataInput {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => RawDataFormat, { description: '文件格式 | Format' }) format!: RawDataFormat;
  @Field(() => RawContentEncoding, { defaultValue: RawContentEncoding.TEXT, description: 'TEXT：内容即文件文本；BASE64：文件字节的 base64 | TEXT: the file as text; BASE64: its bytes in base64' })
  encoding!: RawContentEncoding;
  @Field(() => String, { description: '文件内容（大小上限 RAW_LOAD_MAX_BYTES）| The file content (at most RAW_LOAD_MAX_BYTES)' }) content!: string;
}
