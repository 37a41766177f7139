/** A CorrectionAnswered payload (catalog's event) for the event-bus tests: any event would do; this one is small. */
export const correctionAnswered = (correctionId: string) => ({
  correctionId,
  resourceId: '0190a0c2-0000-7000-8000-0000000000a1',
  sourceAgencyId: '0190a0c2-0000-7000-8000-0000000000a2',
  jurisdiction: 'HN',
  raisedOn: '2026-03-02',
  dueOn: '2026-03-11',
  answeredOn: '2026-03-05',
  onTime: true,
  outcome: 'CORRECTED',
});
