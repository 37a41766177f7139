// Dev helper: runs one console query against a running gateway as a demo user and prints the JSON.
// node --import @swc-node/register/esm-register scripts/probe.ts <QUERY_NAME> <user|-> '<variables json>'
import { stringifyDocument } from '@urql/core';
import { execSync } from 'node:child_process';
import * as Q from '../src/queries.ts';
const [name, user, vars] = process.argv.slice(2);
const gateway = process.env.GATEWAY ?? 'http://localhost:4000';
const doc = name!.startsWith('AUDIT.') ? (Q.AUDIT as any)[name!.slice(6)] : (Q as any)[name!];
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (user && user !== '-') headers.authorization = `Bearer ${execSync(`cd ../.. && npx -y pnpm@10.34.8 -s run token ${user}`).toString().trim()}`;
const res = await fetch(`${gateway}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: stringifyDocument(doc), variables: JSON.parse(vars ?? '{}') }) });
console.log(res.status, JSON.stringify(await res.json(), null, 1));
