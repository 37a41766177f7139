import { calendarOfProfile, type EffectiveProfile, type LocalDate } from '@pdo/policy';

export type CorrectionState = 'OPEN' | 'CORRECTED' | 'REJECTED';

/** A correction request (校核申请, HN Art 16), as the domain sees it. */
export interface CorrectionRow {
  id: string;
  resourceId: string;
  jurisdiction: string;
  /** The source unit (数源单位) that owns the resource and answers. */
  sourceUnitId: string;
  raisedBySub: string;
  raisedByOrg: string | null;
  fieldNames: string[];
  problem: string;
  evidence: string | null;
  raisedOn: LocalDate;
  dueOn: LocalDate | null;
  dueRule: string | null;
  state: CorrectionState;
  answeredOn: LocalDate | null;
  answeredBy: string | null;
  answerReason: string | null;
  correctedVersion: number | null;
  onTime: boolean | null;
  createdAt: Date;
}

/**
 * Due date of an answer: the profile's working days after the day of the request (HN Art 16:
 * 7 wd, the submission day not counted). A jurisdiction without a number has no due date.
 */
export function correctionDue(profile: EffectiveProfile, raisedOn: LocalDate): { dueOn: LocalDate | null; rule: string } {
  const setting = profile.correctionAnswerWorkingDays;
  if (setting.value == null) return { dueOn: null, rule: setting.source };
  return { dueOn: calendarOfProfile(profile).addWorkingDays(raisedOn, setting.value), rule: setting.source };
}

/** An answer is on time when it comes on or before the due day (none: always). */
export const answeredOnTime = (dueOn: LocalDate | null, answeredOn: LocalDate) => dueOn === null || answeredOn <= dueOn;

/** Open past its due day. */
export const correctionOverdue = (c: Pick<CorrectionRow, 'state' | 'dueOn'>, today: LocalDate) => c.state === 'OPEN' && !!c.dueOn && today > c.dueOn;
