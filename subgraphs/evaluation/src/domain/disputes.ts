import { badInput, conflict, forbidden } from './refusal.js';

/** 争议处置 (QHD: coordination by the data authority and appeals; TZ Art 15; RG Art 12). */
export const DISPUTE_KINDS = [
  /** Source unit vs operator, coordinated by the data authority (QHD). */
  'AGENCY_OPERATOR',
  /** Secondary developers' appeals (QHD). */
  'PLATFORM_ENTRY_APPEAL',
  'DATA_USE_APPEAL',
  'EXPORT_REVIEW_APPEAL',
  /** Objections: registration (RG Art 12: real name + evidence), selection (TZ Art 15). */
  'REGISTRATION_OBJECTION',
  'SELECTION_OBJECTION',
] as const;
export type DisputeKindName = (typeof DISPUTE_KINDS)[number];

type Role = 'AUTHORITY' | 'AGENCY' | 'SOURCE_UNIT' | 'OPERATOR' | 'DEVELOPER' | 'EXPERT' | 'FINANCE';

/** Who may raise each kind, and the rule it rests on. */
export const KIND_RULES: Record<DisputeKindName, { roles: Role[]; rule: string }> = {
  AGENCY_OPERATOR: { roles: ['SOURCE_UNIT', 'OPERATOR'], rule: 'QHD: coordinated by the data authority' },
  PLATFORM_ENTRY_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  DATA_USE_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  EXPORT_REVIEW_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  REGISTRATION_OBJECTION: { roles: ['AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'EXPERT', 'FINANCE'], rule: 'RG Art 12' },
  SELECTION_OBJECTION: { roles: ['OPERATOR', 'DEVELOPER', 'AGENCY', 'SOURCE_UNIT'], rule: 'TZ Art 15' },
};

export interface Filing {
  kind: DisputeKindName;
  respondentOrgId?: string | null;
  subject: string;
  complainantName: string;
  evidence: { title: string; uri?: string | null }[];
}

/** Who may raise this kind is an object-level rule (the role matrix admits the union of all kinds). */
export function checkFiler(kind: DisputeKindName, role: string): void {
  const k = KIND_RULES[kind];
  if (!(k.roles as string[]).includes(role)) {
    throw forbidden('您的角色不能提起此类争议', 'Your role cannot raise this kind of dispute', { rule: k.rule, details: { kind, kindRoles: k.roles } });
  }
}

/** A filing names its subject and the complainant's real name, carries the evidence its kind needs, and is not against oneself. */
export function checkFiling(input: Filing, org: string): void {
  const k = KIND_RULES[input.kind];
  if (!input.subject?.trim()) throw badInput('须说明争议事项', 'A subject is required', { field: 'input.subject' });
  if (!input.complainantName?.trim()) throw badInput('须实名提出', 'The complainant’s real name is required', { field: 'input.complainantName', rule: 'RG Art 12' });
  if (input.kind === 'REGISTRATION_OBJECTION' && input.evidence.length === 0) {
    throw badInput('登记异议须附证据', 'A registration objection needs evidence', { field: 'input.evidence', rule: 'RG Art 12' });
  }
  if (input.kind === 'AGENCY_OPERATOR' && !input.respondentOrgId) throw badInput('须指明对方单位', 'Name the other party', { field: 'input.respondentOrgId', rule: k.rule });
  if (input.respondentOrgId === org) throw badInput('不能对本单位提起争议', 'You cannot dispute with your own organization', { field: 'input.respondentOrgId' });
  if (input.evidence.some((e) => !e.title?.trim())) throw badInput('证据须有标题', 'Every evidence item needs a title', { field: 'input.evidence' });
}

/** The state machine: FILED → IN_HANDLING (with a deadline after today) → RESOLVED. */
export function checkStartHandling(status: string, dueOn: string, today: string): void {
  if (status !== 'FILED') throw conflict('该争议已受理或已处理', 'The dispute is already being handled or resolved', { details: { status } });
  if (dueOn <= today) throw badInput('处理期限须晚于今天', 'The deadline must be after today', { field: 'dueOn' });
}

export function checkResolvable(status: string): void {
  if (status !== 'IN_HANDLING') throw conflict('须先受理才能作出决定', 'Take the dispute up before deciding it', { details: { status } });
}

export const isDisputeOverdue = (status: string, dueOn: string | null, today: string) => status === 'IN_HANDLING' && !!dueOn && dueOn < today;
