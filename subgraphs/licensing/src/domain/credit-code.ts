/** 统一社会信用代码: the check lives in @pdo/policy (delivery's demo data builds valid codes too). */
export { creditCodeCheckChar, creditCodeProblem, completeCreditCode, type CreditCodeProblem } from '@pdo/policy';
