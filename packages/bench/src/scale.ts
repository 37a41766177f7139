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
  /** Who calls: the public marketplace (anonymous) or a signed-in developer (our gateway verifies a JWT). */
  as: 'anonymous' | 'developer';
  /** Which parts run (all by default): load, sql, settle, start, dataplane. */
  parts: Set<string>;
  /** Extra Hive Gateway target with the Rust query planner (@graphql-hive/router-runtime). */
  hiveRust: boolean;
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

export function runOptionsFrom(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): RunOptions {
  const f = flags(argv);
  const scale = scaleFrom(env, argv);
  const small = scale.name.startsWith('tiny') || scale.name.startsWith('small');
  const num = (flag: string, envName: string, dflt: number) => {
    const v = Number(f.get(flag) ?? env[envName] ?? dflt);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${envName} must be a positive number`);
    return v;
  };
  const parts = (f.get('only') ?? env.BENCH_ONLY ?? 'load,sql,settle,start,dataplane').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    scale,
    duration: num('duration', 'BENCH_DURATION', small ? 5 : 10),
    warmup: num('warmup', 'BENCH_WARMUP', small ? 2 : 3),
    connections: num('connections', 'BENCH_CONNECTIONS', 8),
    as: (f.get('as') ?? env.BENCH_AS ?? 'anonymous') === 'developer' ? 'developer' : 'anonymous',
    parts: new Set(parts),
    hiveRust: (f.get('hive-rust') ?? env.BENCH_HIVE_RUST ?? '1') !== '0',
  };
}
