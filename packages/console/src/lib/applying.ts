/**
 * A company's side of operator selection (docs/policy/selection-and-renewal.md), as plain functions the page and the
 * unit tests share: which calls it may apply to, which documents its jurisdiction demands, where a refusal belongs on
 * the form, and what the public selection result says about its application.
 */
import { parseCitations } from './citation';
import type { ErrorLike } from './errors';

export interface CallLike {
  id: string;
  selectionMethod: string;
  opensOn: string;
  closesOn: string;
  invitees: string[];
}

/** Within the application window on `today` (both ends included), and for an invited tender only its invitees (NS Art 12). */
export function openCallsFor<C extends CallLike>(calls: C[], org: string | null | undefined, today: string): C[] {
  return calls.filter((c) => c.opensOn <= today && today <= c.closesOn && (c.selectionMethod !== 'INVITED_TENDER' || (!!org && c.invitees.includes(org))));
}

export interface SettingLike {
  name: string;
  value: unknown;
  source: string;
}

/** The documents the jurisdiction's profile lists (`applicationDocuments`, TZ Art 12); none where no text lists any. */
export function requiredDocuments(settings: SettingLike[] | null | undefined): { kinds: string[]; source: string | null } {
  const s = settings?.find((x) => x.name === 'applicationDocuments');
  const kinds = Array.isArray(s?.value) ? s.value.filter((k): k is string => typeof k === 'string') : [];
  return { kinds, source: s?.source ?? null };
}

/** The article a source cites, without the English gloss after it ("TZ Art 12: application form, …" → "TZ Art 12"). */
export function articleOf(source: string | null | undefined): string | null {
  return source ? source.split(/:\s/)[0]!.trim() : null;
}

/** The document kinds the API knows (ApplicationDocumentInput.kind): what a supplement may be filed as. */
export const DOCUMENT_KINDS = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'] as const;

/**
 * The articles a source cites, without its English glosses ("TZ Art 12(3); named security department and head" →
 * "TZ Art 12(3)"); the source as sent where none is recognised, so nothing is hidden.
 */
export function articlesOf(source: string | null | undefined): string | null {
  const known = parseCitations(source)?.filter((c) => c.known).map((c) => c.raw) ?? [];
  return known.length ? known.join('; ') : source ?? null;
}

export interface DocumentDraft {
  kind: string;
  name: string;
  sha256: string;
}

/** The documents to send: only those with a file chosen (a missing one is the API's to refuse, with its rule). */
export function documentsInput(drafts: DocumentDraft[]): DocumentDraft[] {
  return drafts.filter((d) => d.name.trim() && /^[0-9a-f]{64}$/.test(d.sha256)).map((d) => ({ kind: d.kind, name: d.name.trim(), sha256: d.sha256 }));
}

/** Lowercase hex of a digest (crypto.subtle gives an ArrayBuffer). */
export function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Refusal {
  code: string;
  zh: string;
  en: string;
  rule?: string;
  /** The document kinds the refusal names: the missing ones, or the one a malformed entry was sent as. */
  kinds: string[];
  /** Where it belongs: `documents` (the document list), `call`, or `form` (nowhere in particular). */
  at: 'documents' | 'call' | 'form';
}

/**
 * Reads a refusal of `submitOperatorApplication`: its bilingual message, its rule, and the field it names
 * (`input.documents` with `details.missing`, or `input.documents.<i>.…` for the i-th document sent).
 */
export function refusalOf(error: ErrorLike | null | undefined, sent: DocumentDraft[] = []): Refusal | null {
  const first = error?.graphQLErrors?.[0];
  if (!first) return null;
  const ext = first.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : 'UNKNOWN';
  const [zhPart, enPart] = (first.message ?? '').split(' | ');
  const zh = typeof ext.messageZh === 'string' ? ext.messageZh : zhPart ?? '';
  const en = typeof ext.messageEn === 'string' ? ext.messageEn : enPart ?? zh;
  const field = typeof ext.field === 'string' ? ext.field : '';
  const details = (ext.details ?? {}) as { missing?: unknown; reason?: unknown };
  const rule = typeof ext.rule === 'string' ? ext.rule : undefined;
  const base = { code, zh, en, rule };
  if (field === 'input.documents' || field === 'documents') {
    const missing = Array.isArray(details.missing) ? details.missing.filter((k): k is string => typeof k === 'string') : [];
    return { ...base, kinds: missing, at: 'documents' };
  }
  const m = /^(?:input\.)?documents\.(\d+)\./.exec(field);
  if (m) {
    const doc = sent[Number(m[1])];
    return { ...base, kinds: doc ? [doc.kind] : [], at: 'documents' };
  }
  if (details.reason === 'NOT_INVITED' || field === 'callId') return { ...base, kinds: [], at: 'call' };
  return { ...base, kinds: [], at: 'form' };
}

export interface DisclosureLike {
  subjectId?: string | null;
  rule?: string | null;
  facts: { key: string; value?: string | null }[];
}

export interface SelectionResult {
  rank: string | null;
  score: string | null;
  startsOn: string | null;
  endsOn: string | null;
  objectionChannel: string | null;
  rule: string | null;
}

/** The public selection result (公示) of an application, from the disclosure feed, if one was published. */
export function resultOf(disclosures: DisclosureLike[], applicationId: string): SelectionResult | null {
  const d = disclosures.find((x) => x.subjectId === applicationId);
  if (!d) return null;
  const fact = (k: string) => d.facts.find((f) => f.key === k)?.value ?? null;
  return { rank: fact('rank'), score: fact('score'), startsOn: fact('publicityStartsOn'), endsOn: fact('publicityEndsOn'), objectionChannel: fact('objectionChannel'), rule: d.rule ?? null };
}

/** Objections are taken while the publicity period runs, where the result names a channel for them (TZ Art 15). */
export function objectionOpen(result: SelectionResult | null, today: string): boolean {
  return !!result?.objectionChannel && !!result.endsOn && (!result.startsOn || result.startsOn <= today) && today <= result.endsOn;
}
