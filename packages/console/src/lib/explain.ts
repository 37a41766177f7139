/**
 * Sentences the API writes in English (statement basis, readiness gate details, the MAR verdict,
 * disclosure facts) shown in the user's language. In Chinese they are rebuilt from the structured
 * values the API sends alongside (or read from the sentence's fixed pattern); the English page
 * shows the API's own sentence. A sentence of an unknown pattern is returned with `raw: true` so the
 * page can show it marked as untranslated English (lang="en") rather than pretend.
 */
import { enumLabel, MESSAGES, ORG_FACT_LABELS, translate, type Lang, type MessageKey } from './i18n';
import { formatDate, formatDateTime, formatNumber, formatYuan, INSTANT } from './format';

export interface Text {
  text: string;
  /** Untranslated text from the API (English). */
  raw?: boolean;
}

const num = (s: string, lang: Lang) => formatNumber(s, lang);

/** A revenue statement line's basis (revenue subgraph: statements.ts, settlement.ts, allocation.ts). */
export function basisText(basis: string, lang: Lang): Text {
  if (lang === 'en') return { text: basis };
  const parts: string[] = [];
  let m = /^(\d+) charges, (\d+) units(?: — late charges of (\S+)–(\S+), carried from settlement (\S+))?$/.exec(basis);
  if (m) {
    parts.push(translate('zh', 'basis.charges', { n: num(m[1]!, lang), u: num(m[2]!, lang) }));
    if (m[3]) parts.push(translate('zh', 'basis.carried', { from: formatDate(m[3], lang), to: formatDate(m[4]!, lang), id: m[5]!.slice(0, 8) }));
    return { text: parts.join('') };
  }
  m = /^plan weight (\S+)$/.exec(basis);
  if (m) return { text: translate('zh', 'basis.planWeight', { w: m[1]! }) };
  m = /^source agencies' pool (\S+) of the product's revenue; this agency (\S+)\/(\S+) of the pool \((.*)\)$/.exec(basis);
  if (m) {
    const inner = innerBasis(m[4]!, lang);
    if (inner === null) return { text: basis, raw: true };
    return { text: translate('zh', 'basis.pool', { pct: m[1]!, w: m[2]!, total: m[3]!, why: inner }) };
  }
  const inner = innerBasis(basis, lang);
  return inner === null ? { text: basis, raw: true } : { text: inner };
}

function innerBasis(s: string, lang: Lang): string | null {
  let m = /^supplies (\d+) of the product's (\d+) resources$/.exec(s);
  if (m) return translate('zh', 'basis.supplies', { n: num(m[1]!, lang), total: num(m[2]!, lang) });
  m = /^contribution score (\S+)( \(not assessed\))?$/.exec(s);
  if (m) return m[2] ? translate('zh', 'basis.notAssessed') : translate('zh', 'basis.score', { s: m[1]! });
  return null;
}

/** A readiness gate's detail (licensing subgraph: agreement-rules.ts readinessGates). */
export function gateDetail(detail: string, lang: Lang): Text {
  if (lang === 'en') return { text: detail };
  const fixed: Record<string, string> = {
    'no passed training record': translate('zh', 'gate.noTraining'),
    'training filed': translate('zh', 'gate.trainingFiled'),
    'training not filed': translate('zh', 'gate.trainingNotFiled'),
    'no passed security review': translate('zh', 'gate.noReview'),
    'emergency plan on file': translate('zh', 'gate.planOnFile'),
    'no emergency plan for this authorization': translate('zh', 'gate.noPlan'),
  };
  if (fixed[detail]) return { text: fixed[detail]! };
  let m = /^(\d+) passed training record\(s\)$/.exec(detail);
  if (m) return { text: translate('zh', 'gate.training', { n: m[1]! }) };
  m = /^valid until (\d{4}-\d{2}-\d{2})$/.exec(detail);
  if (m) return { text: translate('zh', 'gate.validUntil', { d: formatDate(m[1], lang) }) };
  m = /^expired on (\d{4}-\d{2}-\d{2})$/.exec(detail);
  if (m) return { text: translate('zh', 'gate.expiredOn', { d: formatDate(m[1], lang) }) };
  return { text: detail, raw: true };
}

export interface Deviation {
  actual: { fen: string; yuan: string };
  mar: { fen: string; yuan: string };
  deviationPercent: string;
  direction: string;
  bandPercent: string;
  action: string;
  explanation: string;
}

/** The MAR verdict (revenue subgraph: costs.ts), from the deviation's own fields. */
export function marVerdict(d: Deviation, lang: Lang): string {
  if (lang === 'en') return d.explanation;
  const pct = d.deviationPercent.replace(/^-/, '');
  const key = d.direction === 'ABOVE' ? 'fin.verdictAbove' : d.direction === 'BELOW' ? 'fin.verdictBelow' : 'fin.verdictWithin';
  return translate('zh', key, {
    actual: formatYuan(d.actual, { lang }),
    mar: formatYuan(d.mar, { lang }),
    pct: `${formatNumber(pct, lang)}%`,
    band: `${formatNumber(d.bandPercent, lang)}%`,
    action: enumLabel('zh', d.action),
  });
}

/** A disclosure fact's label; an unknown key is returned as is (`raw`). */
export function factLabel(key: string, lang: Lang): Text {
  const k = `fact.${key}`;
  if (k in MESSAGES) return { text: translate(lang, k as MessageKey) };
  return { text: key, raw: true };
}

/** A disclosure fact's value: instants and days as dates, amounts as yuan, codes through the enum labels. */
export function factValue(key: string, value: string, lang: Lang): Text {
  if (!value) return { text: '—' };
  if (value === 'true' || value === 'false') return { text: translate(lang, value === 'true' ? 'common.yes' : 'common.no') };
  if (INSTANT.test(value)) return { text: formatDateTime(value, lang) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { text: formatDate(value, lang) };
  if (key === 'yuan' && /^-?\d+(\.\d{1,2})?$/.test(value)) return { text: formatYuan(value, { lang }) };
  if (/^-?\d+(\.\d+)?$/.test(value)) return { text: key === 'year' ? value : formatNumber(value, lang) };
  const fact = Object.hasOwn(ORG_FACT_LABELS, value) ? ORG_FACT_LABELS[value] : undefined;
  if (fact) return { text: fact[lang === 'zh' ? 0 : 1] };
  if (/^[A-Z][A-Z0-9_]+$/.test(value)) {
    const label = enumLabel(lang, value);
    return label === value ? { text: value, raw: lang === 'zh' } : { text: label };
  }
  return { text: value };
}
