/**
 * Dataset sizes and run lengths. BENCH_SCALE picks a preset (tiny for the test, small while
 * developing, full = the sizes); each count can be moved on its own with an env var or a
 * `--name=value` flag (flags win).
 */
export interface Scale {
  name: string;
  operators: number;
  agencies: number;
  developers: number;
  resources: number;
  products: number;
  /** Usage agreements (each with one entitlement); the usage records are spread over them. */
  usageAgreements: number;
  usageRecords: number;
}

export interface RunOptions {
  scale: Scale;
  /** Seconds of measured load per workload and target. */
  duration: number;
  /** Seconds of warm-up (discarded) before each measurement. */
  warmup: number;
  connections: number;
  /**
   * Who calls, in turn: the public marketplace (anonymous: the public caches may answer) and a
   * signed-in developer (a bearer token: no public cache). BENCH_AS=anonymous|developer|both.
   */
  callers: ('anonymous' | 'developer')[];
  /** Other dataset sizes the journeys and the settlement are measured at, as factors of `scale` (BENCH_GROWTH; 0 = none). */
  growth: number[];
  /** Which parts run (all by default): load, sql, settle, start, dataplane. */
  parts: Set<string>;
  /** Extra Hive Gateway target with the Rust query planner (@graphql-hive/router-runtime). */
  hiveRust: boolean;
  /** BENCH_GATEWAYS / --gateways: which gateways run, in that order (default: all). */
  gateways: string[] | null;
}

export const PRESETS: Record<string, Scale> = {
  tiny: { name: 'tiny', operators: 3, agencies: 6, developers: 10, resources: 60, products: 24, usageAgreements: 40, usageRecords: 2_000 },
  small: { name: 'small', operators: 20, agencies: 50, developers: 100, resources: 4_000, products: 1_000, usageAgreements: 1_000, usageRecords: 50_000 },
  full: { name: 'full', operators: 50, agencies: 200, developers: 1_000, resources: 20_000, products: 5_000, usageAgreements: 10_000, usageRecords: 1_000_000 },
};

const KEYS: Record<keyof Omit<Scale, 'name'>, string> = {
  operators: 'BENCH_OPERATORS',
  agencies: 'BENCH_AGENCIES',
  developers: 'BENCH_DEVELOPERS',
  resources: 'BENCH_RESOURCES',
  products: 'BENCH_PRODUCTS',
  usageAgreements: 'BENCH_USAGE_AGREEMENTS',
  usageRecords: 'BENCH_USAGE',
};

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/i.exec(a);
    if (m) out.set(m[1]!.toLowerCase(), m[2] ?? 'true');
  }
  return out;
}

export function scaleFrom(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Scale {
  const f = flags(argv);
  const name = f.get('scale') ?? env.BENCH_SCALE ?? 'full';
  const preset = PRESETS[name];
  if (!preset) throw new Error(`BENCH_SCALE must be one of ${Object.keys(PRESETS).join(', ')} (got ${name})`);
  const s: Scale = { ...preset };
  for (const [k, envName] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const flag = f.get(envName.replace(/^BENCH_/, '').toLowerCase().replace(/_/g, '-'));
    const v = flag ?? env[envName];
    if (v !== undefined) {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1) throw new Error(`${envName} must be a positive integer (got ${v})`);
      s[k] = n;
      s.name = `${name}*`;
    }
  }
  if (s.resources < s.operators * 3) throw new Error('need at least 3 resources per operator');
  return s;
}

function callersOf(as: string): RunOptions['callers'] {
  if (as === 'both') return ['anonymous', 'developer'];
  if (as === 'anonymous' || as === 'developer') return [as];
  throw new Error(`BENCH_AS must be anonymous, developer or both (got ${as})`);
}

export function runOptionsFrom(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): RunOptions {
  const f = flags(argv);
  const scale = scaleFrom(env, argv);
  const small = scale.name.startsWith('tiny') || scale.name.startsWith('small');
  const num = (flag: string, envName: string, dflt: number) => {
    const v = Number(f.get(flag) ?? env[envName] ?? dflt);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${envName} must be a positive number`);
    return v;
  };
  const parts = (f.get('only') ?? env.BENCH_ONLY ?? 'load,sql,explain,settle,start,dataplane,growth').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    scale,
    // Short runs: the load phase now measures six gateways for two callers, and CPU per request
    // (the figure that matters on a shared machine) settles within a few hundred requests.
    duration: num('duration', 'BENCH_DURATION', small ? 4 : 6),
    warmup: num('warmup', 'BENCH_WARMUP', 2),
    connections: num('connections', 'BENCH_CONNECTIONS', 8),
    callers: callersOf(f.get('as') ?? env.BENCH_AS ?? 'both'),
    growth: (f.get('growth') ?? env.BENCH_GROWTH ?? '0.1,3')
      .split(',')
      .map(Number)
      .filter((x) => {
        if (!Number.isFinite(x) || x < 0) throw new Error('BENCH_GROWTH must be factors such as 0.1,5');
        return x > 0 && x !== 1;
      }),
    parts: new Set(parts),
    hiveRust: (f.get('hive-rust') ?? env.BENCH_HIVE_RUST ?? '1') !== '0',
    gateways: (f.get('gateways') ?? env.BENCH_GATEWAYS)?.split(',').map((g) => g.trim()).filter(Boolean) ?? null,
  };
}
