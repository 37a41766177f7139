import { readFileSync } from 'node:fs';
import { missingDescriptions } from './description-check.js';
const m = missingDescriptions(readFileSync('/work/wt/descriptions/gateway/schema.graphql', 'utf8'));
console.log(m.length);
if (process.argv[2]) console.log(m.filter(x => new RegExp(process.argv[2]).test(x)).join('\n'));
