import { badInput } from './errors.js';

/**
 * Characters no display name may carry: C0/C1 controls (\p{Cc}: NUL, tab, CR, LF, DEL …),
 * format characters (\p{Cf}: zero-width joiners, bidirectional overrides such as U+202E that make
 * a name read differently from what it is), private-use, surrogate and unassigned code points, and
 * the line/paragraph separators U+2028/U+2029.
 */
const FORBIDDEN_CHAR = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;
/**
 * First characters that spreadsheet programs read as the start of a formula (OWASP "CSV
 * injection"). A registered name never starts with one; exports neutralise cells as well.
 */
const FORMULA_START = /^[=+\-@]/;
/** At least one letter or digit (any script): a name is not only punctuation. */
const HAS_LETTER = /[\p{L}\p{N}]/u;

export interface NameRules {
  /** Field path for the error, e.g. "input.name". */
  field: string;
  /** What the name is, for the message: e.g. ['名称', 'Name']. */
  label?: readonly [string, string];
  minLength?: number;
  maxLength?: number;
}

/**
 * A party's or product's display name, as typed by a person: Unicode-normalised (NFC), trimmed
 * (including the full-width space U+3000), between `minLength` and `maxLength` characters (code
 * points, so a CJK character counts once), with no control or invisible formatting characters and
 * no leading formula character. Full-width punctuation — （）、·《》“” — is ordinary text and allowed:
 * 长白山金融科技（吉林）有限公司 is a legitimate name. Returns the normalised value; refusals are
 * BAD_USER_INPUT naming the field and the problem (`details.problem`).
 */
export function validateName(value: string | null | undefined, rules: NameRules): string {
  const [zh, en] = rules.label ?? ['名称', 'Name'];
  const min = rules.minLength ?? 1;
  const max = rules.maxLength ?? 100;
  const refuse = (problem: string, whyZh: string, whyEn: string) =>
    badInput(`${zh}${whyZh}`, `${en} ${whyEn}`, { field: rules.field, details: { problem, minLength: min, maxLength: max } });
  if (typeof value !== 'string') throw refuse('REQUIRED', '不能为空', 'is required');
  const v = value.normalize('NFC').trim();
  if (!v) throw refuse('REQUIRED', '不能为空', 'is required');
  if (FORBIDDEN_CHAR.test(v)) throw refuse('CONTROL_CHARACTER', '含有控制字符或不可见格式字符', 'contains a control or invisible formatting character');
  const length = [...v].length;
  if (length < min || length > max) throw refuse('LENGTH', `长度须在 ${min} 到 ${max} 个字符之间`, `must be ${min} to ${max} characters long`);
  if (FORMULA_START.test(v)) throw refuse('FORMULA_START', '不能以 = + - @ 开头', 'must not start with = + - or @');
  if (!HAS_LETTER.test(v)) throw refuse('NO_LETTER', '须含有文字或数字', 'must contain a letter or digit');
  return v;
}

/** Like validateName, for an optional field: null/undefined/blank stay null. */
export function validateOptionalName(value: string | null | undefined, rules: NameRules): string | null {
  if (value === null || value === undefined || !value.trim()) return null;
  return validateName(value, rules);
}
