/**
 * `pnpm run token <demo-user>` or `pnpm run token --role OPERATOR --org <uuid> --jurisdiction HN [--sub id] [--ttl 1h]`
 * prints a development JWT signed with JWT_SECRET, valid JWT_MAX_LIFETIME (the default) or `--ttl`,
 * which may not exceed it. Note `run`: pnpm 10 hands a bare `pnpm token …` (and `pnpm token --help`) to
 * `npm token` (the registry's token command) before looking at this package's scripts.
 */
import { parseArgs } from 'node:util';
import { gatewayConfig, mintToken } from '@pdo/gateway';
import { DEMO_USERS } from '@pdo/demo';
import { envType, isRole } from '@pdo/platform';

const USAGE = `Usage: pnpm run token <demo-user>
       pnpm run token --role ROLE [--org UUID] [--jurisdiction CODE] [--sub ID] [--ttl 1h]

Prints a development JWT signed with JWT_SECRET for the gateway.
  <demo-user>          one of: ${DEMO_USERS.map((u) => u.key).join(', ')}
  --role ROLE          AUTHORITY, AGENCY, SOURCE_UNIT, OPERATOR, DEVELOPER, FINANCE, EXPERT
  --org UUID           the caller's organization
  --jurisdiction CODE  HN, JL, QHD, TZ, ZJC, …
  --sub ID             the subject (default cli:<role>)
  --ttl DURATION       lifetime (e.g. 30m, 2h), at most JWT_MAX_LIFETIME
  -h, --help           this text`;

// A wrong option is a usage error, not a stack trace (parseArgs throws on an unknown option).
let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      jurisdiction: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help || positionals[0] === 'help') {
  console.log(USAGE);
  process.exit(0);
}
let config: ReturnType<typeof gatewayConfig>;
try {
  config = gatewayConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const demo = positionals[0] ? DEMO_USERS.find((u) => u.key === positionals[0]) : undefined;
if (positionals[0] && !demo) {
  console.error(`Unknown demo user "${positionals[0]}". Known: ${DEMO_USERS.map((u) => u.key).join(', ')}`);
  process.exit(2);
}
const role = demo?.role ?? values.role;
if (!isRole(role) || role === 'ANONYMOUS') {
  console.error(USAGE);
  process.exit(2);
}
const ttl = values.ttl === undefined ? undefined : envType.duration(1, Number.MAX_SAFE_INTEGER).safeParse(values.ttl);
if (ttl && !ttl.success) {
  console.error(`--ttl ${values.ttl}: ${ttl.error.issues[0]?.message}`);
  process.exit(2);
}
if (ttl?.success && ttl.data > config.jwtMaxLifetimeSec) {
  console.error(`--ttl ${values.ttl} is longer than JWT_MAX_LIFETIME (${config.jwtMaxLifetimeSec} s): the gateway would refuse the token`);
  process.exit(2);
}
const token = await mintToken(config, {
  sub: values.sub ?? demo?.sub ?? `cli:${role.toLowerCase()}`,
  role,
  org: values.org ?? demo?.org ?? null,
  jurisdiction: values.jurisdiction ?? demo?.jurisdiction ?? null,
  ttlSec: ttl?.success ? ttl.data : undefined,
});
console.log(token);
