/**
 * `pnpm token <demo-user>` or `pnpm token --role OPERATOR --org <uuid> --jurisdiction HN [--sub id] [--ttl 12h]`
 * prints a development JWT signed with JWT_SECRET.
 */
import { parseArgs } from 'node:util';
import { gatewayConfig, mintToken } from '@pdo/gateway';
import { DEMO_USERS } from '@pdo/demo';
import { isRole } from '@pdo/platform';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, org: { type: 'string' }, jurisdiction: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' } },
});
const config = gatewayConfig();
const demo = positionals[0] ? DEMO_USERS.find((u) => u.key === positionals[0]) : undefined;
if (positionals[0] && !demo) {
  console.error(`Unknown demo user "${positionals[0]}". Known: ${DEMO_USERS.map((u) => u.key).join(', ')}`);
  process.exit(2);
}
const role = demo?.role ?? values.role;
if (!isRole(role) || role === 'ANONYMOUS') {
  console.error('Usage: pnpm token <demo-user> | pnpm token --role ROLE [--org UUID] [--jurisdiction CODE] [--sub ID] [--ttl 12h]');
  process.exit(2);
}
const token = await mintToken(config, {
  sub: values.sub ?? demo?.sub ?? `cli:${role.toLowerCase()}`,
  role,
  org: values.org ?? demo?.org ?? null,
  jurisdiction: values.jurisdiction ?? demo?.jurisdiction ?? null,
  expiresIn: values.ttl ?? '12h',
});
console.log(token);
