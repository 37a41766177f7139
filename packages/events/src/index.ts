/**
 * The catalogue of domain events: every fact that crosses a subgraph boundary, who publishes it
 * and who consumes it (docs/architecture.md, Events catalogue). Names are past tense; a breaking
 * change to a payload bumps `version` and keeps the old shape readable until consumers move.
 *
 * Delivery is at least once: consumers dedupe by envelope id and must tolerate out-of-order
 * arrival (compare `occurredAt` or a version carried in the payload before overwriting).
 */
export { SUBGRAPHS, type SubgraphName, type EventProducer, type EventSpec } from './spec.js';
import type { EventSpec, SubgraphName } from './spec.js';

export const EVENTS = {
  // ── catalog ───────────────────────────────────────────────────────────────
  ResourcePublished: { producer: 'catalog', version: 1, consumers: ['licensing', 'products', 'revenue', 'evaluation', 'delivery'], description: '数据资源发布 A resource entered the catalog (full snapshot)' },
  ResourceChanged: { producer: 'catalog', version: 1, consumers: ['licensing', 'products', 'revenue', 'evaluation', 'delivery'], description: '数据资源变更 A new version of a resource (full snapshot)' },
  ResourceWithdrawn: { producer: 'catalog', version: 1, consumers: ['licensing', 'products', 'revenue', 'evaluation', 'delivery'], description: '数据资源撤回 A resource was withdrawn' },
  ResourceAuthorizabilityChanged: { producer: 'catalog', version: 1, consumers: ['licensing', 'products'], description: '可授权状态变化 Whether a resource may be authorized changed, with reasons' },
  ResourceRegistrationCoded: { producer: 'catalog', version: 1, consumers: ['licensing', 'evaluation'], description: '资源登记赋码 A resource registration was coded' },
  ResourceRegistrationCancelled: { producer: 'catalog', version: 1, consumers: ['licensing', 'evaluation'], description: '资源登记注销 A resource registration was cancelled, terminated or revoked' },
  CorrectionAnswered: { producer: 'catalog', version: 1, consumers: ['evaluation'], description: '校核答复 A source agency answered a correction request (on time or late)' },
  // ── licensing ─────────────────────────────────────────────────────────────
  OrganizationRegistered: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation'], description: '主体登记或身份事实变更 An organization (any party) was registered, or its recorded name, English name or credit code changed (full snapshot)' },
  PolicyProfileChanged: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation', 'delivery'], description: '政策配置变更 A jurisdiction edited its policy profile' },
  AgreementSigned: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation'], description: '授权协议签署 An authorization agreement was signed (scope, term, parties)' },
  AgreementActivated: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation'], description: '授权生效 Readiness gates passed; operations may start' },
  AgreementSuspended: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation', 'delivery'], description: '授权暂停（整改） An agreement was suspended for rectification' },
  AgreementReinstated: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation', 'delivery'], description: '授权恢复 A suspended agreement was reinstated' },
  AgreementTerminated: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation', 'delivery'], description: '授权终止 An agreement was terminated' },
  AgreementExpired: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation', 'delivery'], description: '授权到期 An agreement reached the end of its last day' },
  AgreementRenewed: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'revenue', 'evaluation'], description: '授权续期 An agreement was renewed to a new end date' },
  ScenarioApproved: { producer: 'licensing', version: 1, consumers: ['products', 'revenue', 'evaluation'], description: '场景审核通过 A scenario and its data request were approved' },
  ScenarioRefused: { producer: 'licensing', version: 1, consumers: ['products', 'evaluation'], description: '场景审核未通过 A scenario was refused' },
  AccessGranted: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'evaluation', 'delivery'], description: '数据访问授权 An access grant was created or resumed' },
  AccessRevoked: { producer: 'licensing', version: 1, consumers: ['catalog', 'products', 'evaluation', 'delivery'], description: '访问授权撤销/暂停 An access grant was revoked or paused' },
  SelectionPublicized: { producer: 'licensing', version: 1, consumers: ['evaluation'], description: '遴选结果公示 A selection result is publicized for its period, with the objection channel' },
  // ── products ──────────────────────────────────────────────────────────────
  ProductApproved: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation'], description: '产品合规审核通过 A product version passed compliance review' },
  ProductListed: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation', 'delivery'], description: '产品挂牌 A product was listed (resources and their source agencies included)' },
  ProductDelisted: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation', 'delivery'], description: '产品摘牌 A product was delisted' },
  ProductSuspended: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation', 'delivery'], description: '产品暂停 A listing was hidden because its authorization was suspended or ended' },
  UsageAgreementSigned: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation'], description: '应用协议签署 A secondary developer usage agreement was signed' },
  UsageAgreementEnded: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation', 'delivery'], description: '应用协议终止 A usage agreement ended or was revoked' },
  ProductVersionChanged: { producer: 'products', version: 1, consumers: ['delivery'], description: '产品版本提交或审核 A product version was submitted for review, approved or refused (full snapshot with delivery method)' },
  EntitlementChanged: { producer: 'products', version: 1, consumers: ['delivery'], description: '使用权变化 An entitlement opened, paused, resumed or was revoked (full snapshot)' },
  UsageRecorded: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation'], description: '用量记录 Metered usage, with the price-relevant facts' },
  UsagesRecorded: { producer: 'products', version: 1, consumers: ['revenue', 'evaluation'], description: '批量用量记录 Usage records written together from one batch of metered data-plane calls (each as UsageRecorded)' },
  // ── revenue ───────────────────────────────────────────────────────────────
  PriceCapSet: { producer: 'revenue', version: 1, consumers: ['products', 'evaluation'], description: '上限收费标准设定 A price cap was set' },
  PriceSet: { producer: 'revenue', version: 1, consumers: ['products', 'evaluation'], description: '价格设定 An operator set a price (effective date)' },
  SettlementCompleted: { producer: 'revenue', version: 2, consumers: ['evaluation'], description: '结算完成 A settlement run completed with totals per party' },
  // ── evaluation ────────────────────────────────────────────────────────────
  ContributionAssessed: { producer: 'evaluation', version: 1, consumers: ['revenue'], description: '数据贡献评价 Contribution scores of source agencies for a period' },
  RectificationRequested: { producer: 'evaluation', version: 1, consumers: ['licensing'], description: '评估发现要求整改 An evaluation finding asks licensing to open a rectification' },
  SecurityIncidentReported: { producer: 'evaluation', version: 1, consumers: ['licensing', 'products'], description: '安全事件报告 An incident; risky linkage stops processing in the affected scope only where the profile says so (linkageStop), with its rule' },
  SecurityIncidentClosed: { producer: 'evaluation', version: 1, consumers: ['licensing', 'products'], description: '安全事件关闭 An incident was closed' },
  OperatorEvaluationFinalized: { producer: 'evaluation', version: 1, consumers: ['licensing'], description: '运营评估定稿 An operator\'s annual evaluation was finalized (total, conclusion)' },
  EmergencyPlanChanged: { producer: 'evaluation', version: 1, consumers: ['licensing'], description: '应急预案备案或修订 An emergency plan was filed, superseded by a new version or withdrawn (full snapshot; per authorization where the profile requires one)' },
  // ── delivery (the operating domain) ───────────────────────────────────────
  RawDataLoaded: { producer: 'delivery', version: 1, consumers: ['catalog'], description: '原始数据归集 A source agency loaded a batch of a resource\'s raw data into the operating domain (batch, rows, SHA-256, null ratio per field)' },
  RecipeAnalysed: { producer: 'delivery', version: 1, consumers: ['products'], description: '配方分析 The operating domain analysed a product version\'s executable recipe (tables, columns and kinds, k, SQL SHA-256; accepted or refused with codes)' },
  ExecutionMetered: { producer: 'delivery', version: 1, consumers: ['products'], description: '执行计量 The platform metered one execution in the operating domain (a call or a sandbox job; rows and duration, never data)' },
  ExecutionsMetered: { producer: 'delivery', version: 1, consumers: ['products'], description: '批量执行计量 The platform metered a batch of data-plane calls (up to 1,000, each as ExecutionMetered)' },
  // ── platform (every subgraph) ─────────────────────────────────────────────
  AuditCheckpointSigned: { producer: 'platform', version: 1, consumers: ['evaluation'], description: '审计链检查点签署 A subgraph signed a checkpoint of its audit chain (seq, head hash, Ed25519 signature, public key)' },
} as const satisfies Record<string, EventSpec>;

export type EventName = keyof typeof EVENTS;

export interface EventEnvelope<P = Record<string, unknown>> {
  /** UUID v7, unique per event; consumers dedupe on it. */
  id: string;
  name: EventName;
  version: number;
  producer: SubgraphName;
  occurredAt: string;
  /** Jurisdiction code the fact belongs to, when it has one. */
  jurisdiction: string | null;
  payload: P;
}

export function consumersOf(name: EventName): readonly SubgraphName[] {
  return EVENTS[name].consumers;
}

export function eventsConsumedBy(subgraph: SubgraphName): EventName[] {
  return (Object.keys(EVENTS) as EventName[]).filter((n) => (EVENTS[n].consumers as readonly string[]).includes(subgraph));
}

/** The pg-boss queue a subgraph drains. */
export const inboxQueue = (subgraph: SubgraphName) => `inbox_${subgraph}`;

export type * as CatalogEvents from './payloads/catalog.js';
export type * as LicensingEvents from './payloads/licensing.js';
export type * as ProductsEvents from './payloads/products.js';
export type * as RevenueEvents from './payloads/revenue.js';
export { settlementShareColumns, settlementShareTable } from './payloads/revenue.js';
export { METERED_BATCH_MAX } from './payloads/delivery.js';
export type * as EvaluationEvents from './payloads/evaluation.js';
export type * as PlatformEvents from './payloads/platform.js';
export { eventsMarkdown, EVENTS_DOC_BEGIN, EVENTS_DOC_END } from './doc.js';
export type * as DeliveryEvents from './payloads/delivery.js';
export { EVENT_PAYLOADS, EARLIER_PAYLOADS, type EventPayload } from './schemas.js';
import type { z } from 'zod';
import { EVENT_PAYLOADS, EARLIER_PAYLOADS } from './schemas.js';

// Every event has a payload schema, and every schema an event (a compile error otherwise).
EVENT_PAYLOADS satisfies Record<EventName, z.ZodType>;
const _noStraySchema: [Exclude<keyof typeof EVENT_PAYLOADS, EventName>] extends [never] ? true : never = true;
void _noStraySchema;

/**
 * Why `payload` is not a valid payload of event `name` at `version` (a short list of the failing
 * fields, never their values: a payload may carry names of people), or null when it is valid. An
 * unknown event or version is a problem too.
 */
export function payloadProblem(name: string, version: number, payload: unknown): string | null {
  if (!Object.hasOwn(EVENTS, name)) return `unknown event ${JSON.stringify(name.slice(0, 80))}`;
  const n = name as EventName;
  const schema = version === EVENTS[n].version ? EVENT_PAYLOADS[n] : EARLIER_PAYLOADS[n]?.[version];
  if (!schema) return `${n} has no version ${version}`;
  const result = schema.safeParse(payload);
  if (result.success) return null;
  return result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
    .join('; ');
}
