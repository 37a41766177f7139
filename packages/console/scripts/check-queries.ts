// Dev helper: validates every console operation against a running gateway (schema errors only).
// cd packages/console && node --import @swc-node/register/esm-register scripts/check-queries.ts
import { stringifyDocument } from '@urql/core';
import { execSync } from 'node:child_process';
import * as Q from '../src/queries.ts';

const gateway = process.env.GATEWAY ?? 'http://localhost:4000';
const token = execSync('cd ../.. && npx -y pnpm@10.34.8 -s run token authority').toString().trim();
const docs: Array<[string, unknown]> = [];
for (const [k, v] of Object.entries(Q)) {
  if (k === 'AUDIT') for (const [a, d] of Object.entries(v as object)) docs.push([`AUDIT.${a}`, d]);
  else docs.push([k, v]);
}
let bad = 0;
for (const [name, doc] of docs) {
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: stringifyDocument(doc as never), variables: {} }),
  });
  const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const errs = (body.errors ?? []).filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
  if (errs.length) bad++;
  console.log(name, errs.length ? JSON.stringify(errs.map((e) => e.message)) : 'ok');
}
process.exit(bad ? 1 : 0);
