import { defineEntity, p } from '@mikro-orm/core';
import { date, instant, texts } from './columns.js';

/** Implementation plan versions and confirmed exit checklist items (migration 0007). */
export const ImplementationPlanTable = defineEntity({
  name: 'ImplementationPlan',
  tableName: 'implementation_plan',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    version: p.integer(),
    title: p.text(),
    summary: p.text(),
    contents: p.json<Record<string, string>>().defaultRaw(`'{}'`),
    status: p.text(),
    amendsId: p.uuid().nullable(),
    changeGrounds: texts().defaultRaw(`'{}'`),
    changeNote: p.text().nullable(),
    majorChange: p.boolean().defaultRaw('true'),
    draftedBy: p.text(),
    draftedByRole: p.text(),
    draftedOn: date(),
    decidedOn: date().nullable(),
    decisionBody: p.text().nullable(),
    decisionRef: p.text().nullable(),
    approvedOn: date().nullable(),
    approvedBy: p.text().nullable(),
    filedOn: date().nullable(),
    filedWith: p.text().nullable(),
    profileVersion: p.integer(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const ExitDutyTable = defineEntity({
  name: 'ExitDuty',
  tableName: 'exit_duty',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    item: p.text(),
    doneOn: date(),
    evidence: p.text(),
    documentHash: p.text().nullable(),
    successorId: p.uuid().nullable(),
    filedWith: p.text().nullable(),
    confirmedBy: p.text(),
    confirmedByRole: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});
