import { Arg, Args, ArgsType, Ctx, Directive, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import GraphQLJSON from './json-scalar.js';
import { Connection, PageArgs, pageWindow, toConnection } from '../connection.js';
import type { RequestContext } from '../context.js';
import { requireRole } from '../identity.js';
import { pageRows } from '../db/page.js';
import { verifyAuditChain, writeAudit, type AuditRow } from './audit.js';
import { signAndPublishCheckpoint, toCheckpoint, type SignedCheckpoint as Checkpoint } from './checkpoint.js';
import { DomainError } from '../errors.js';
import { LocalDateScalar } from '../scalars.js';

@ObjectType({ description: '审计记录（只追加、哈希链） | Audit record (append-only, hash-chained)' })
@Directive('@shareable')
export class AuditRecord {
  @Field(() => String, { description: '记录序号（链内递增）| Sequence number of the record in its chain' }) seq!: string;
  @Field(() => Date, { description: '发生时间 | When the action happened' }) occurredAt!: Date;
  @Field(() => String, { description: '操作者（用户标识）| Who acted (subject of the token)' }) actorSub!: string;
  @Field(() => String, { description: '操作者角色 | Role the actor acted in' }) actorRole!: string;
  @Field(() => String, { nullable: true, description: '操作者所属主体 | Organization the actor acted for' }) actorOrg!: string | null;
  @Field(() => String, { description: '对象类型 | Kind of entity the action changed' }) entityType!: string;
  @Field(() => String, { description: '对象标识 | Id of the entity the action changed' }) entityId!: string;
  @Field(() => String, { description: '操作，例如 SIGNED | Action taken, e.g. SIGNED' }) action!: string;
  @Field(() => GraphQLJSON, { description: '变更内容 | What changed (before/after values)' }) changes!: unknown;
  @Field(() => String, { nullable: true, description: '原因 | Reason given for the action' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: '请求标识（用于关联日志）| Request id, to correlate with logs' }) requestId!: string | null;
  @Field(() => String, { description: '上一条记录的哈希 | Hash of the previous record in the chain' }) prevHash!: string;
  @Field(() => String, { description: '本记录的哈希 | Hash of this record' }) hash!: string;
  @Field(() => Int, { description: '1 = SHA-256（旧记录）, 2 = HMAC-SHA-256（密钥不在数据库中）| 1 = plain SHA-256 (older records), 2 = keyed HMAC-SHA-256' })
  chainVersion!: number;
}

@ObjectType({ description: '审计链签名检查点 | Signed checkpoint of an audit chain (Ed25519)' })
@Directive('@shareable')
export class AuditCheckpoint {
  @Field(() => String, { description: '审计链所属子图 | Subgraph whose chain was signed' }) subgraph!: string;
  @Field(() => String, { description: '检查点覆盖到的记录序号 | Seq of the chain head that was signed' }) seq!: string;
  @Field(() => String, { description: '被签名的链头哈希 | Hash of the chain head that was signed' }) headHash!: string;
  @Field(() => String, { description: '签名时间（ISO 8601，原样参与签名）| Signing instant, exactly as signed' }) signedAt!: string;
  @Field(() => String, { description: '签名算法 | Signature algorithm' }) algorithm!: string;
  @Field(() => String, { description: 'Ed25519 公钥（DER SPKI，base64）| Public key (DER SPKI, base64)' }) publicKey!: string;
  @Field(() => String, { description: '对 "pdo-audit-checkpoint:v1|subgraph|seq|headHash|signedAt" 的签名（base64）| Signature (base64)' }) signature!: string;
}

@ObjectType({ description: '签名检查点分页列表 | Page of audit checkpoints' })
@Directive('@shareable')
export class AuditCheckpointConnection extends Connection(AuditCheckpoint, { shareable: true }) {}

@InputType({ description: '外部保存的检查点 | A checkpoint held outside the database' })
export class AuditCheckpointInput {
  @Field(() => String, { description: '审计链所属子图 | Subgraph whose chain was signed' }) subgraph!: string;
  @Field(() => String, { description: '检查点覆盖到的记录序号 | Seq of the chain head that was signed' }) seq!: string;
  @Field(() => String, { description: '被签名的链头哈希 | Hash of the chain head that was signed' }) headHash!: string;
  @Field(() => String, { description: '签名时间（ISO 8601，原样）| Signing instant, exactly as signed' }) signedAt!: string;
  @Field(() => String, { description: 'Ed25519 公钥（DER SPKI，base64）| Public key (DER SPKI, base64)' }) publicKey!: string;
  @Field(() => String, { description: '签名（base64）| Signature (base64)' }) signature!: string;
}

@ObjectType({ description: '审计记录分页列表 | Page of audit records' })
@Directive('@shareable')
export class AuditRecordConnection extends Connection(AuditRecord, { shareable: true }) {}

@ObjectType({ description: '哈希链校验结果 | Hash-chain verification' })
@Directive('@shareable')
export class AuditChainVerification {
  @Field(() => String, { description: '被校验的子图 | Subgraph whose chain was verified' }) subgraph!: string;
  @Field(() => Boolean, { description: '链是否完整 | Whether the chain is intact' }) valid!: boolean;
  @Field(() => Int, { description: '已核对的记录数 | Records checked' }) checked!: number;
  @Field(() => String, { nullable: true, description: '链断开处的记录序号 | Seq where the chain breaks' }) brokenAtSeq!: string | null;
  @Field(() => String, { nullable: true, description: '发现的问题 | Problem found, if any' }) problem!: string | null;
  @Field(() => Int, { description: '已核对的签名检查点数（库内及调用方提供）| Checkpoints checked (stored and supplied)' }) checkpointsChecked!: number;
  @Field(() => String, { nullable: true, description: '与链不符的检查点序号 | Seq of the checkpoint the chain contradicts' }) brokenCheckpointSeq!: string | null;
  @Field(() => String, { nullable: true, description: '链头记录序号 | Seq of the chain head' }) headSeq!: string | null;
}

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: '对象类型 | Entity type' }) entityType?: string | null;
  @Field(() => String, { nullable: true, description: '对象标识 | Entity id' }) entityId?: string | null;
  @Field(() => String, { nullable: true, description: '操作者（用户标识）| Actor (subject)' }) actorSub?: string | null;
  @Field(() => String, { nullable: true, description: '操作 | Action, e.g. SIGNED' }) action?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '起始日（含，北京时间）| From this day (inclusive, Asia/Shanghai)' }) from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '截止日（含，北京时间）| To this day (inclusive, Asia/Shanghai)' }) to?: string | null;
}

export function toAuditRecord(r: AuditRow): AuditRecord {
  return {
    seq: String(r.seq),
    occurredAt: new Date(r.occurred_at),
    actorSub: r.actor_sub,
    actorRole: r.actor_role,
    actorOrg: r.actor_org,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    changes: r.changes,
    reason: r.reason,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
    chainVersion: Number(r.chain_version ?? 1),
  };
}

/**
 * Query fields `<subgraph>AuditTrail` and `<subgraph>AuditVerification`. Each subgraph keeps its
 * own chain, so the field names carry the subgraph to keep them distinct in the supergraph.
 */
export function createAuditResolver(subgraph: string): Function {
  @Resolver()
  class AuditResolver {
    @Query(() => AuditRecordConnection, { name: `${subgraph}AuditTrail`, description: `${subgraph} 审计轨迹（AUTHORITY/AGENCY）| ${subgraph} audit trail` })
    async auditTrail(@Args(() => AuditTrailArgs) args: AuditTrailArgs, @Ctx() ctx: RequestContext) {
      requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
      const win = pageWindow(args);
      const where: string[] = [];
      const params: unknown[] = [];
      // Officials read their own jurisdiction's records (a national official all of them).
      if (ctx.identity.jurisdiction !== 'NATIONAL') where.push(`(jurisdiction = $${params.push(ctx.identity.jurisdiction)} or jurisdiction is null)`);
      if (args.entityType) where.push(`entity_type = $${params.push(args.entityType)}`);
      if (args.entityId) where.push(`entity_id = $${params.push(args.entityId)}`);
      if (args.actorSub) where.push(`actor_sub = $${params.push(args.actorSub)}`);
      if (args.action) where.push(`action = $${params.push(args.action)}`);
      if (args.from && args.to && args.from > args.to) throw new DomainError('BAD_USER_INPUT', '起始日不能晚于截止日', 'from must not be after to', { field: 'from' });
      // Calendar days in Asia/Shanghai: [from 00:00, to + 1 day 00:00) at +08:00.
      if (args.from) where.push(`occurred_at >= ($${params.push(args.from)}::date)::timestamp at time zone 'Asia/Shanghai'`);
      if (args.to) where.push(`occurred_at < ($${params.push(args.to)}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
      const w = where.length ? `where ${where.join(' and ')}` : '';
      const { rows, totalCount } = await pageRows<AuditRow>(ctx.em, { select: `*`, from: `audit_log ${w}`, orderBy: `seq desc`, params }, win);
      return toConnection(rows.map(toAuditRecord), totalCount, win);
    }

    @Query(() => AuditChainVerification, { name: `${subgraph}AuditVerification`, description: `校验 ${subgraph} 审计链（密钥与签名检查点；可提交外部保存的检查点）（AUTHORITY）| Verify the ${subgraph} audit chain with its key and every signed checkpoint, including ones supplied by the caller` })
    async verify(@Arg('checkpoints', () => [AuditCheckpointInput], { nullable: true, description: '外部保存的签名检查点，一并核对 | Checkpoints kept outside the database, to check as well' }) checkpoints: AuditCheckpointInput[] | null, @Ctx() ctx: RequestContext): Promise<AuditChainVerification> {
      requireRole(ctx.identity, 'AUTHORITY');
      const supplied = checkpoints ?? [];
      if (supplied.length > 10_000) throw new DomainError('BAD_USER_INPUT', '检查点过多（最多 10000 个）', 'Too many checkpoints (at most 10,000)');
      for (const c of supplied) {
        if (!/^[1-9][0-9]{0,18}$/.test(c.seq) || !/^[0-9a-f]{64}$/.test(c.headHash) || Number.isNaN(Date.parse(c.signedAt)) || c.publicKey.length > 200 || c.signature.length > 200) {
          throw new DomainError('BAD_USER_INPUT', '检查点格式不正确', 'Malformed checkpoint (seq, headHash, signedAt, publicKey, signature)');
        }
      }
      const result = await verifyAuditChain(ctx.em, { checkpoints: supplied, subgraph });
      return { subgraph, ...result };
    }

    @Query(() => AuditCheckpointConnection, { name: `${subgraph}AuditCheckpoints`, description: `${subgraph} 审计链签名检查点（公开，可导出保存）| Signed checkpoints of the ${subgraph} audit chain (public, for external copies)` })
    async checkpoints(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext) {
      const win = pageWindow(args);
      const { rows, totalCount } = await pageRows<Parameters<typeof toCheckpoint>[0]>(
        ctx.em,
        { select: `subgraph, seq::text as seq, head_hash, signed_at, algorithm, public_key, signature, signed_by`, from: `audit_checkpoint`, orderBy: `audit_checkpoint.seq, audit_checkpoint.id`, params: [] },
        win,
      );
      return toConnection(rows.map(toCheckpoint), totalCount, win);
    }

    @Mutation(() => AuditCheckpoint, { name: `${subgraph}SignAuditCheckpoint`, description: `立即签署 ${subgraph} 审计链检查点并公开（AUTHORITY）| Sign a checkpoint of the ${subgraph} audit chain now and publish it` })
    async sign(@Ctx() ctx: RequestContext): Promise<Checkpoint> {
      requireRole(ctx.identity, 'AUTHORITY');
      return ctx.em.transactional(async (tx) => {
        // The request is itself audited; the checkpoint then covers that record too.
        await writeAudit(tx, { identity: ctx.identity, requestId: ctx.requestId }, [{ entityType: 'AuditCheckpoint', entityId: subgraph, action: 'CHECKPOINT_REQUESTED' }]);
        const cp = await signAndPublishCheckpoint(tx, subgraph, ctx.events as never, { signedBy: ctx.identity.sub });
        return cp!;
      });
    }
  }
  return AuditResolver;
}
