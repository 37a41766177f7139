import type { EffectiveProfile } from '@pdo/policy';
import type { ResourceRow } from './resource.js';

export interface AuthorizabilityReason {
  code: 'WITHDRAWN' | 'NOT_GRADED' | 'PROHIBITED' | 'NOT_REGISTERED' | 'SHARING_CONSENT_MISSING';
  messageZh: string;
  messageEn: string;
  rule: string;
}

const REASONS: Record<AuthorizabilityReason['code'], Omit<AuthorizabilityReason, 'code' | 'rule'>> = {
  WITHDRAWN: { messageZh: '资源已撤回', messageEn: 'The resource was withdrawn' },
  NOT_GRADED: { messageZh: '尚未完成分类分级', messageEn: 'Classification and grading are not done' },
  PROHIBITED: { messageZh: '属于禁止开放的数据', messageEn: 'The resource is prohibited from opening' },
  NOT_REGISTERED: { messageZh: '尚未完成资源登记', messageEn: 'The resource is not registered' },
  SHARING_CONSENT_MISSING: { messageZh: '通过共享获得的数据，尚无提供部门同意', messageEn: 'Obtained through inter-agency sharing without the providing agency\'s consent' },
};

export const describeReason = (code: string, rule = ''): AuthorizabilityReason => {
  const known = REASONS[code as AuthorizabilityReason['code']];
  return { code: code as AuthorizabilityReason['code'], rule, ...(known ?? { messageZh: code, messageEn: code }) };
};

/**
 * 可授权: graded, not prohibited, registered where the jurisdiction requires it (HN Art 10), and
 * consented by the providing agency when obtained through sharing (NS Art 5; HN Art 6).
 * Pure: the same row and profile always give the same verdict, so it is stored and diffed.
 */
export function computeAuthorizability(r: Pick<ResourceRow, 'status' | 'classification' | 'grade' | 'openness' | 'registered' | 'sharedFromAgencyId' | 'sharingConsent'>, profile: EffectiveProfile): { authorizable: boolean; reasons: AuthorizabilityReason[] } {
  const reasons: AuthorizabilityReason[] = [];
  if (r.status === 'WITHDRAWN') reasons.push(describeReason('WITHDRAWN', 'catalog'));
  if (!r.grade || !r.classification) reasons.push(describeReason('NOT_GRADED', 'NS Arts 5, 21; JL §9; HN Art 3'));
  if (r.openness === 'PROHIBITED') reasons.push(describeReason('PROHIBITED', profile.prohibitedOpennessReasons.source));
  if (profile.catalogRegistrationRequiredForAuthorization.value && !r.registered) {
    reasons.push(describeReason('NOT_REGISTERED', profile.catalogRegistrationRequiredForAuthorization.source));
  }
  if (r.sharedFromAgencyId && !r.sharingConsent) reasons.push(describeReason('SHARING_CONSENT_MISSING', 'NS Art 5; HN Art 6'));
  return { authorizable: reasons.length === 0, reasons };
}

