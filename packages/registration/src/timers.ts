import { addDays, registrationDeadlines, type EffectiveProfile, type LocalDate, type WorkingDayCalendar } from '@pdo/policy';
import type { RegistrationState } from './state-machine.js';

/** The dates a registration carries; each state's clock starts from one of them. */
export interface RegistrationDates {
  /** When the data was provided / the product delivered (starts the 20-wd application clock). */
  providedOn?: LocalDate | null;
  submittedOn: LocalDate;
  acceptedOn?: LocalDate | null;
  noticeStartedOn?: LocalDate | null;
  codedOn?: LocalDate | null;
  validUntil?: LocalDate | null;
  /** End of the authorization the registered thing operates under (caps validity, RG Art 15). */
  agreementEnd?: LocalDate | null;
}

export interface RegistrationClock {
  /** What is awaited now, e.g. 'ACCEPTANCE', 'FORMAL_REVIEW', 'PUBLIC_NOTICE_ENDS', 'RENEWAL_WINDOW', or null. */
  awaiting: string | null;
  dueOn: LocalDate | null;
  overdue: boolean;
  /** For coded registrations: when renewal may be requested (the last 60 days). */
  renewalOpensOn: LocalDate | null;
}

/**
 * The due date of the step a registration is waiting on, in the jurisdiction's working days
 * (submission day not counted), and whether it is overdue on `today`.
 */
export function registrationClock(profile: EffectiveProfile, calendar: WorkingDayCalendar, state: RegistrationState, d: RegistrationDates, today: LocalDate, type: 'FIRST' | 'CHANGE' | 'CORRECTION' | 'CANCELLATION' = 'FIRST'): RegistrationClock {
  const t = registrationDeadlines(profile, calendar);
  const at = (awaiting: string, dueOn: LocalDate, renewalOpensOn: LocalDate | null = null): RegistrationClock => ({ awaiting, dueOn, overdue: today > dueOn, renewalOpensOn });
  switch (state) {
    case 'APPLIED':
      return at('ACCEPTANCE', t.acceptanceDue(d.submittedOn));
    case 'ACCEPTED':
    case 'FORMAL_REVIEW':
      return at(type === 'CANCELLATION' ? 'CANCELLATION' : 'FORMAL_REVIEW', type === 'CANCELLATION' ? t.cancellationDue(d.acceptedOn ?? d.submittedOn) : t.formalReviewDue(d.acceptedOn ?? d.submittedOn));
    case 'PUBLIC_NOTICE':
      return at('PUBLIC_NOTICE_ENDS', t.publicNoticeEnds(d.noticeStartedOn ?? today));
    case 'CODED':
    case 'RENEWED': {
      const validUntil = d.validUntil ?? t.validUntil(d.codedOn ?? today, d.agreementEnd);
      return at('EXPIRY', validUntil, t.renewalWindowOpens(validUntil));
    }
    default:
      return { awaiting: null, dueOn: null, overdue: false, renewalOpensOn: null };
  }
}

/** First registration is due 20 wd after the data is provided (30 wd after 2025-03-01 for older operations). */
export function firstApplicationDue(profile: EffectiveProfile, calendar: WorkingDayCalendar, providedOn: LocalDate): LocalDate {
  return registrationDeadlines(profile, calendar).firstApplicationDue(providedOn);
}

/** Validity on coding (3 years, or the shorter agreement term). */
export function validityOnCoding(profile: EffectiveProfile, calendar: WorkingDayCalendar, codedOn: LocalDate, agreementEnd?: LocalDate | null): LocalDate {
  return registrationDeadlines(profile, calendar).validUntil(codedOn, agreementEnd);
}

/** Renewal is accepted only in the last `renewalWindowDays` calendar days before expiry (RG Art 15). */
export function renewalCheck(profile: EffectiveProfile, calendar: WorkingDayCalendar, validUntil: LocalDate, requestedOn: LocalDate): { ok: boolean; opensOn: LocalDate; newValidUntil: LocalDate } {
  const t = registrationDeadlines(profile, calendar);
  const opensOn = t.renewalWindowOpens(validUntil);
  return { ok: requestedOn >= opensOn && requestedOn <= validUntil, opensOn, newValidUntil: t.renewedUntil(validUntil) };
}

/** The registration code assigned on coding: <jurisdiction>-<kind>-<yyyymmdd>-<sequence>. */
export function registrationCode(jurisdiction: string, kind: 'R' | 'P', codedOn: LocalDate, sequence: number): string {
  return `${jurisdiction}-DJ${kind}-${codedOn.replaceAll('-', '')}-${String(sequence).padStart(5, '0')}`;
}

export const dayAfter = (d: LocalDate) => addDays(d, 1);
