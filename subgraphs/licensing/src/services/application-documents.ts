import { badInput, policyViolation } from '@pdo/platform';
import { APPLICATION_DOCUMENT_KINDS, type EffectiveProfile } from '@pdo/policy';
import type { ApplicationDocument } from '../data/rows.js';
import { required } from './checks.js';

export function validateDocuments(docs: ApplicationDocument[]): void {
  for (const [i, d] of docs.entries()) {
    if (!APPLICATION_DOCUMENT_KINDS.includes(d.kind as never)) throw badInput(`未知材料类型 ${d.kind}`, `Unknown document kind ${d.kind}`, { field: `input.documents.${i}.kind` });
    if (!/^[0-9a-f]{64}$/.test(d.sha256)) throw badInput('材料哈希须为 64 位十六进制 SHA-256', 'Document hash must be a 64-hex SHA-256', { field: `input.documents.${i}.sha256` });
    required(d.name, `input.documents.${i}.name`, '材料名称', 'Document name');
  }
}

/** The documents the call's jurisdiction lists (TZ Art 12); where no text lists any, none is demanded. */
export function requireListedDocuments(profile: EffectiveProfile, docs: ApplicationDocument[]): void {
  const setting = profile.applicationDocuments;
  const missing = setting.value.filter((k) => !docs.some((d) => d.kind === k));
  if (missing.length) throw policyViolation(setting.source, `缺少申请材料：${missing.join('、')}`, `Missing documents: ${missing.join(', ')}`, { field: 'input.documents', details: { missing } });
}
