/**
 * Legal citations as the API sends them ("HN Art 16", "TZ Art 12: application documents",
 * "PN §3(1) (+ not more than 6 pp), PN §4 (10% band…)", "NS Art 19; HN Art 17") shown as a Chinese
 * reader cites them.
 *
 * How: a source string is split into citations at top-level ";" and "," (never inside brackets).
 * Each citation is a document abbreviation, a locator and an optional English gloss (after ":" or
 * in trailing brackets). A known abbreviation (the documents named in docs/policy/profile-settings.md)
 * becomes its short Chinese title and the locator its Chinese form: "Art 16" → 第16条,
 * "Art 14(2)" → 第14条第2款, "§5" → 第5部分, "§三(二)" → 第三部分第（二）项. The English gloss is
 * the platform's paraphrase, not the text of the law, so the Chinese page leaves it out (the English
 * page shows the source exactly as sent). Anything not recognised — an unknown document
 * ("POLICY §5 Incidents", "DISC") or an odd locator — is kept exactly as sent and marked as a
 * citation (`known: false`; the UI shows it in <cite><code>), never translated by guess.
 */

/** Short Chinese titles of the documents the policy profiles cite. */
export const DOCUMENTS: Record<string, { zh: string; en: string }> = {
  NS: { zh: '《公共数据资源授权运营实施规范（试行）》', en: 'NS (NDRC 2025 No. 27)' },
  PN: { zh: '《公共数据资源授权运营价格形成机制通知》', en: 'PN (NDRC 2025 No. 65)' },
  RG: { zh: '《公共数据资源登记管理暂行办法》', en: 'RG (NDRC 2025 No. 26)' },
  HN: { zh: '河南办法', en: 'Henan measures' },
  JL: { zh: '吉林市办法', en: 'Jilin City measures' },
  QHD: { zh: '秦皇岛办法', en: 'Qinhuangdao measures' },
  TZ: { zh: '泰州办法', en: 'Taizhou measures' },
  ZJC: { zh: '新昌办法', en: 'Xinchang measures' },
};

export interface Citation {
  /** The citation as sent, gloss included. */
  raw: string;
  /** Recognised document and locator. */
  known: boolean;
  /** Chinese form when known, else the raw text. */
  zh: string;
  /** The English gloss the platform added, if any. */
  gloss: string | null;
}

/** Splits at ";" / "," / "；" / "，" outside brackets. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of source) {
    if ('(（['.includes(c)) depth++;
    if (')）]'.includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && ';,；，'.includes(c)) {
      if (cur.trim()) parts.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

const NUM = '(?:\\d+|[一二三四五六七八九十百]+)';
/** "Art 16", "Art 14(2)", "Arts 18–19", "§5", "§3(1)", "§三(二)", "Art 12(3)(b)". */
const LOCATOR = new RegExp(`^(Arts?\\.?\\s*(${NUM})(?:\\s*[–-]\\s*(${NUM}))?|§\\s*(${NUM}))((?:\\((?:${NUM}|[a-z])\\))*)`);

function sub(n: string, level: number): string {
  // (2) after an article is a paragraph (款), (1) after a section an item (项); Chinese numerals are items.
  return /^\d+$/.test(n) ? (level === 0 ? `第${n}款` : `第${n}项`) : /^[a-z]$/.test(n) ? `（${n}）` : `第（${n}）项`;
}

export function parseCitation(raw: string): Citation {
  const text = raw.trim();
  const doc = /^([A-Z]{2,4})(?:\s+|(?=[:：]))(.*)$/.exec(text);
  const fallback: Citation = { raw: text, known: false, zh: text, gloss: null };
  if (!doc || !DOCUMENTS[doc[1]!]) return fallback;
  const rest = doc[2]!;
  const m = LOCATOR.exec(rest);
  // A document without a locator ("QHD: classified data"): the document, the rest is a gloss.
  if (!m) return /^[:：]/.test(rest) ? { raw: text, known: true, zh: DOCUMENTS[doc[1]!]!.zh, gloss: rest.replace(/^[:：]\s*/, '') || null } : fallback;
  const subs = [...(m[5] ?? '').matchAll(/\(([^)]+)\)/g)].map((x) => x[1]!);
  let where: string;
  if (m[2]) where = m[3] ? `第${m[2]}–${m[3]}条` : `第${m[2]}条${subs.map((s, i) => sub(s, i)).join('')}`;
  else where = `第${m[4]}部分${subs.map((s) => sub(s, 1)).join('')}`;
  const after = rest.slice(m[0].length).trim();
  const gloss = after.replace(/^[:：]\s*/, '').replace(/^\((.*)\)$/s, '$1').trim() || null;
  return { raw: text, known: true, zh: `${DOCUMENTS[doc[1]!]!.zh}${where}`, gloss };
}

/** Every citation in a source string. "platform default: not regulated" is no citation: null. */
export function parseCitations(source: string | null | undefined): Citation[] | null {
  if (!source || /^platform default/i.test(source.trim())) return null;
  return splitTopLevel(source).map(parseCitation);
}

/** True when the source says no text regulates the matter. */
export function isPlatformDefault(source: string | null | undefined): boolean {
  return !!source && /^platform default/i.test(source.trim());
}

/** Plain-text Chinese form of a source ("河南办法第16条、泰州办法第28条"), for titles and tests. */
export function citationTextZh(source: string | null | undefined): string {
  if (isPlatformDefault(source)) return '平台默认：无规定';
  return (parseCitations(source) ?? []).map((c) => c.zh).join('、');
}
