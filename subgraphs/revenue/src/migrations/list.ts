import { Migration0001CostSurvey } from './0001_cost_survey.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [{ name: '0001_cost_survey', class: Migration0001CostSurvey }];
