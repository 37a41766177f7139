import { defineEntity, p } from '@mikro-orm/core';
import { dateColumn as date, instantColumn as instant } from '@pdo/platform';

/** The security-duty tables (migration 0009) as entities, declared as the driver returns them (tables.ts). */

export const EmergencyPlanTable = defineEntity({
  name: 'EmergencyPlan',
  tableName: 'emergency_plan',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    holderOrgId: p.uuid(),
    holderKind: p.text(),
    agreementId: p.uuid().nullable(),
    title: p.text(),
    currentVersion: p.integer(),
    status: p.text(),
    nextDrillDueOn: date().nullable(),
    createdBy: p.text(),
    createdAt: instant(),
  },
});

export const EmergencyPlanVersionTable = defineEntity({
  name: 'EmergencyPlanVersion',
  tableName: 'emergency_plan_version',
  properties: {
    planId: p.uuid().primary(),
    version: p.integer().primary(),
    summary: p.text(),
    adoptedOn: date(),
    drillEveryMonths: p.integer().nullable(),
    recordedBy: p.text(),
    recordedAt: instant(),
  },
});

export const EmergencyDrillTable = defineEntity({
  name: 'EmergencyDrill',
  tableName: 'emergency_drill',
  properties: {
    id: p.uuid().primary(),
    planId: p.uuid(),
    planVersion: p.integer(),
    heldOn: date(),
    scenario: p.text(),
    findings: p.text(),
    recordedBy: p.text(),
    recordedAt: instant(),
  },
});

export const SecurityAssessmentTable = defineEntity({
  name: 'SecurityAssessment',
  tableName: 'security_assessment',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    assessor: p.text(),
    commissionedOn: date(),
    reportDueOn: date(),
    status: p.text(),
    assessedOn: date().nullable(),
    riskLevel: p.text().nullable(),
    findings: p.text().nullable(),
    followUp: p.text().nullable(),
    followUpDueOn: date().nullable(),
    followedUpOn: date().nullable(),
    followUpResult: p.text().nullable(),
    commissionedBy: p.text(),
    createdAt: instant(),
  },
});

export const FormalTalkTable = defineEntity({
  name: 'FormalTalk',
  tableName: 'formal_talk',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    heldOn: date(),
    talkedWith: p.text(),
    conductedByOrg: p.uuid().nullable(),
    ground: p.text(),
    basis: p.text(),
    reason: p.text(),
    outcome: p.text(),
    rectificationDueOn: date().nullable(),
    assessmentId: p.uuid().nullable(),
    recordedBy: p.text(),
    recordedAt: instant(),
  },
});

export const securityDutyTables = [EmergencyPlanTable, EmergencyPlanVersionTable, EmergencyDrillTable, SecurityAssessmentTable, FormalTalkTable] as const;
