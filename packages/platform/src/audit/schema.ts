import { Args, ArgsType, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import GraphQLJSON from './json-scalar.js';
import { Connection, PageArgs, pageWindow, toConnection } from '../connection.js';
import type { RequestContext } from '../context.js';
import { requireRole } from '../identity.js';
import { pageRows } from '../db/page.js';
import { verifyAuditChain, type AuditRow } from './audit.js';

@ObjectType({ description: '审计记录（只追加、哈希链） | Audit record (append-only, hash-chained)' })
@Directive('@shareable')
export class AuditRecord {
  @Field(() => String) seq!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String) actorSub!: string;
  @Field(() => String) actorRole!: string;
  @Field(() => String, { nullable: true }) actorOrg!: string | null;
  @Field(() => String) entityType!: string;
  @Field(() => String) entityId!: string;
  @Field(() => String) action!: string;
  @Field(() => GraphQLJSON) changes!: unknown;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String) prevHash!: string;
  @Field(() => String) hash!: string;
}

@ObjectType()
@Directive('@shareable')
export class AuditRecordConnection extends Connection(AuditRecord, { shareable: true }) {}

@ObjectType({ description: '哈希链校验结果 | Hash-chain verification' })
@Directive('@shareable')
export class AuditChainVerification {
  @Field(() => String) subgraph!: string;
  @Field(() => Boolean) valid!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => String, { nullable: true }) brokenAtSeq!: string | null;
  @Field(() => String, { nullable: true }) problem!: string | null;
}

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => String, { nullable: true }) entityType?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
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
      if (args.entityType) where.push(`entity_type = $${params.push(args.entityType)}`);
      if (args.entityId) where.push(`entity_id = $${params.push(args.entityId)}`);
      const w = where.length ? `where ${where.join(' and ')}` : '';
      const { rows, totalCount } = await pageRows<AuditRow>(ctx.em, { select: `*`, from: `audit_log ${w}`, orderBy: `seq desc`, params }, win);
      return toConnection(rows.map(toAuditRecord), totalCount, win);
    }

    @Query(() => AuditChainVerification, { name: `${subgraph}AuditVerification`, description: `校验 ${subgraph} 审计哈希链（AUTHORITY）| Verify the ${subgraph} audit hash chain` })
    async verify(@Ctx() ctx: RequestContext): Promise<AuditChainVerification> {
      requireRole(ctx.identity, 'AUTHORITY');
      const result = await verifyAuditChain(ctx.em);
      return { subgraph, ...result };
    }
  }
  return AuditResolver;
}
