import type { LocalDate } from '@pdo/policy';
import type { RegistrationState, RegistrationType } from '@pdo/registration';

/** A resource registration (RG), as the domain sees it. Its state machine lives in @pdo/registration. */
export interface RegistrationRow {
  id: string;
  resourceId: string;
  jurisdiction: string;
  type: RegistrationType;
  state: RegistrationState;
  registrantOrgId: string | null;
  providedOn: LocalDate | null;
  applicationDueOn: LocalDate | null;
  submittedOn: LocalDate;
  acceptedOn: LocalDate | null;
  noticeStartedOn: LocalDate | null;
  codedOn: LocalDate | null;
  validUntil: LocalDate | null;
  registrationCode: string | null;
  awaiting: string | null;
  dueOn: LocalDate | null;
  lastReason: string | null;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One recorded step of a registration. */
export interface RegistrationStepRow {
  registrationId: string;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorSub: string;
  actorRole: string;
  onDate: LocalDate;
  at: Date;
}

/** 应登未登: data provided under an access grant, no first registration applied for, past the deadline. */
export interface UnappliedRegistrationRow {
  resourceId: string;
  jurisdiction: string;
  /** The source unit (数源单位) that owns the resource. */
  sourceUnitId: string;
  /** Day data was first provided: the earliest AccessGranted of the resource (Asia/Shanghai day). */
  providedOn: LocalDate;
  applicationDueOn: LocalDate;
  rule: string;
}

/** States after which a registration no longer counts (it neither blocks a new application nor registers the resource). */
export const CLOSED_STATES = ['REJECTED', 'CANCELLED', 'TERMINATED', 'REVOKED'] as const;
/** States in which a registration registers its resource. */
export const CODED_STATES = ['CODED', 'RENEWED'] as const;

const isCoded = (state: string) => (CODED_STATES as readonly string[]).includes(state);

/**
 * Which of a resource's live registrations (not closed) stands in the way of a new application of `type` (RG Art 8):
 * any one in progress; a coded one for a first registration; none coded for the other types.
 */
export function applicationBlocker(live: readonly { id: string; type: string; state: string }[], type: RegistrationRow['type']):
  | { reason: 'IN_PROGRESS' | 'ALREADY_REGISTERED'; id: string; state: string }
  | { reason: 'NOT_REGISTERED' }
  | null {
  const pending = live.find((x) => !isCoded(x.state));
  if (pending) return { reason: 'IN_PROGRESS', id: pending.id, state: pending.state };
  const coded = live.find((x) => isCoded(x.state) && x.type !== 'CANCELLATION');
  if (type === 'FIRST' && coded) return { reason: 'ALREADY_REGISTERED', id: coded.id, state: coded.state };
  if (type !== 'FIRST' && !coded) return { reason: 'NOT_REGISTERED' };
  return null;
}

/** A first registration applied for after its deadline (RG Art 9). */
export const appliedLate = (g: Pick<RegistrationRow, 'applicationDueOn' | 'submittedOn'>) => !!g.applicationDueOn && g.submittedOn > g.applicationDueOn;
