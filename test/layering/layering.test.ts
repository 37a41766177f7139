/**
 * The layering of docs/architecture.md ("The rooms of a subgraph", "What the layering check enforces"),
 * enforced by dependency-cruiser with the rules of .dependency-cruiser.cjs, plus the one rule the
 * cruiser cannot see (a domain file importing the `sql`/`sqlOne` helpers), checked on the TypeScript
 * syntax tree. Each check is also run on a small tree with deliberate violations, so it can fail.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const configPath = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** Runs the cruiser CLI with the repository's config in `cwd` on `paths`; returns its violations. */
async function cruise(cwd: string, paths: string[]): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [depcruise, '--config', configPath, '--output-type', 'json', ...paths], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
  }).catch((e: { stdout?: string; stderr?: string }) => {
    // Exit code = number of errors; the JSON is still on stdout.
    if (e.stdout) return { stdout: e.stdout };
    throw new Error(`depcruise failed: ${e.stderr}`);
  });
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const show = (vs: Violation[]) => vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);

/** The source directories the check covers. */
function sourceDirs(): string[] {
  const dirs = ['gateway/src'];
  for (const top of ['subgraphs', 'packages']) {
    for (const d of readdirSync(join(root, top), { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      try {
        readdirSync(join(root, top, d.name, 'src'));
        dirs.push(`${top}/${d.name}/src`);
      } catch {
        /* no src */
      }
    }
  }
  return dirs;
}

/** Names a file imports from `@pdo/platform` among `sql`/`sqlOne` (type-only imports included). */
function sqlHelpersImported(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== '@pdo/platform') continue;
    const b = st.importClause?.namedBindings;
    if (b && ts.isNamedImports(b)) {
      for (const el of b.elements) {
        const name = (el.propertyName ?? el.name).text;
        if (name === 'sql' || name === 'sqlOne') found.push(name);
      }
    } else if (b && ts.isNamespaceImport(b)) {
      found.push('*');
    }
  }
  return found;
}

function domainFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (d.name.endsWith('.ts')) out.push(relative(root, p));
    }
  };
  for (const sg of readdirSync(join(root, 'subgraphs'))) {
    try {
      walk(join(root, 'subgraphs', sg, 'src', 'domain'));
    } catch {
      /* no domain room */
    }
  }
  return out.sort();
}

/** The allow-list of domain files with SQL: the `pathNot` of the rule `domain-no-database`. */
function sqlExceptions(): RegExp {
  const config = require(configPath) as { forbidden: { name: string; from: { pathNot?: string[] } }[] };
  const rule = config.forbidden.find((r) => r.name === 'domain-no-database');
  const pattern = rule?.from.pathNot?.[0];
  return pattern ? new RegExp(pattern) : /$^/;
}

describe('layering (.dependency-cruiser.cjs)', () => {
  it('the tree has no cycle, no subgraph-to-subgraph import, pure policy/events/registration, GraphQL-free domain, gateway through packages', async () => {
    expect(show(await cruise(root, sourceDirs()))).toEqual([]);
  });

  const fixture = mkdtempSync(join(tmpdir(), 'layering-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('fails on each kind of violation (a fixture tree with one of each)', async () => {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true }, include: ['**/*.ts'] }),
      'subgraphs/alpha/src/domain/rule.ts': `import { GraphQLString } from 'graphql';\nimport { shape } from '../schema/types.js';\nexport const r = [GraphQLString, shape];\n`,
      'subgraphs/alpha/src/domain/store.ts': `import type { EntityManager } from '@mikro-orm/postgresql';\nexport type Em = EntityManager;\n`,
      'subgraphs/alpha/src/domain/pure.ts': `export const ok = 1;\n`,
      'subgraphs/alpha/src/domain/reaches.ts': `import { rows } from '../data/rows.js';\nexport const r = rows;\n`,
      'subgraphs/alpha/src/data/rows.ts': `import { shape } from '../schema/types.js';\nexport const rows = [shape];\n`,
      'subgraphs/alpha/src/schema/resolver.ts': `import { rows } from '../data/rows.js';\nexport const q = rows;\n`,
      'subgraphs/alpha/src/schema/types.ts': `import { ok } from '../domain/pure.js';\nexport const shape = ok;\n`,
      'subgraphs/alpha/src/data/a.ts': `import { b } from './b.js';\nexport const a = () => b();\n`,
      'subgraphs/alpha/src/data/b.ts': `import { a } from './a.js';\nexport const b = () => a();\n`,
      'subgraphs/alpha/src/cross.ts': `import { beta } from '../../beta/src/index.js';\nexport const c = beta;\n`,
      'subgraphs/alpha/src/cross-package.ts': `import { beta } from '@pdo/beta';\nexport const c = beta;\n`,
      'subgraphs/alpha/src/missing.ts': `import { nothing } from './nowhere.js';\nexport const m = nothing;\n`,
      'subgraphs/beta/package.json': JSON.stringify({ name: '@pdo/beta', type: 'module', exports: { '.': { types: './src/index.ts', default: './src/index.ts' } } }),
      'subgraphs/beta/src/index.ts': `export { beta } from './inner.js';\n`,
      'subgraphs/beta/src/inner.ts': `export const beta = 2;\n`,
      'packages/policy/src/p.ts': `import pg from 'pg';\nexport const pool = pg;\n`,
      'gateway/src/g.ts': `import { beta } from '../../subgraphs/beta/src/inner.js';\nimport { beta as fine } from '../../subgraphs/beta/src/index.js';\nexport const g = [beta, fine];\n`,
    };
    // Installed libraries and a workspace link, laid out as pnpm does.
    for (const lib of ['graphql', 'pg', '@mikro-orm/postgresql']) {
      files[`node_modules/.pnpm/${lib.replace('/', '+')}@1.0.0/node_modules/${lib}/package.json`] = JSON.stringify({ name: lib, main: 'index.js' });
      files[`node_modules/.pnpm/${lib.replace('/', '+')}@1.0.0/node_modules/${lib}/index.js`] = 'module.exports = {};\n';
    }
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, name)), { recursive: true });
      writeFileSync(join(fixture, name), text);
    }
    for (const lib of ['graphql', 'pg', '@mikro-orm/postgresql']) {
      mkdirSync(dirname(join(fixture, 'node_modules', lib)), { recursive: true });
      symlinkSync(join(fixture, `node_modules/.pnpm/${lib.replace('/', '+')}@1.0.0/node_modules/${lib}`), join(fixture, 'node_modules', lib));
    }
    mkdirSync(join(fixture, 'node_modules', '@pdo'), { recursive: true });
    symlinkSync(join(fixture, 'subgraphs', 'beta'), join(fixture, 'node_modules', '@pdo', 'beta'));
    const got = (await cruise(fixture, ['gateway/src', 'subgraphs/alpha/src', 'subgraphs/beta/src', 'packages/policy/src'])).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(got.sort()).toEqual(
      [
        'domain-no-database: subgraphs/alpha/src/domain/store.ts → node_modules/.pnpm/@mikro-orm+postgresql@1.0.0/node_modules/@mikro-orm/postgresql/index.js',
        'domain-no-graphql: subgraphs/alpha/src/domain/rule.ts → node_modules/.pnpm/graphql@1.0.0/node_modules/graphql/index.js',
        'domain-no-graphql: subgraphs/alpha/src/domain/rule.ts → subgraphs/alpha/src/schema/types.ts',
        'domain-pure: subgraphs/alpha/src/domain/rule.ts → subgraphs/alpha/src/schema/types.ts',
        'domain-pure: subgraphs/alpha/src/domain/reaches.ts → subgraphs/alpha/src/data/rows.ts',
        'data-below-use-cases: subgraphs/alpha/src/data/rows.ts → subgraphs/alpha/src/schema/types.ts',
        'schema-through-services: subgraphs/alpha/src/schema/resolver.ts → subgraphs/alpha/src/data/rows.ts',
        'gateway-through-packages: gateway/src/g.ts → subgraphs/beta/src/inner.ts',
        'no-circular: subgraphs/alpha/src/data/a.ts → subgraphs/alpha/src/data/b.ts',
        'no-subgraph-to-subgraph: subgraphs/alpha/src/cross-package.ts → subgraphs/beta/src/index.ts',
        'no-subgraph-to-subgraph: subgraphs/alpha/src/cross.ts → subgraphs/beta/src/index.ts',
        'no-unresolvable: subgraphs/alpha/src/missing.ts → ./nowhere.js',
        'pure-packages: packages/policy/src/p.ts → node_modules/.pnpm/pg@1.0.0/node_modules/pg/index.js',
      ].sort(),
    );
  });

  it('every subgraph has the same rooms, and nothing outside them (docs/architecture.md, "The rooms of a subgraph")', () => {
    const ROOMS = ['access.ts', 'data', 'domain', 'handlers', 'index.ts', 'loaders', 'main.ts', 'migrations', 'schema', 'services'];
    const listings = Object.fromEntries(
      readdirSync(join(root, 'subgraphs')).map((sg) => [sg, readdirSync(join(root, 'subgraphs', sg, 'src')).filter((n) => n !== 'seed.ts').sort()]),
    );
    for (const listing of Object.values(listings)) expect(listing).toEqual(ROOMS);
  });

  it('domain files import the sql/sqlOne helpers only where listed as known exceptions, and every listed exception still does', () => {
    const allowed = sqlExceptions();
    const offenders: string[] = [];
    const stale: string[] = [];
    for (const f of domainFiles()) {
      const uses = sqlHelpersImported(f, readFileSync(join(root, f), 'utf8')).length > 0;
      if (uses && !allowed.test(f)) offenders.push(f);
      if (!uses && allowed.test(f)) stale.push(f);
    }
    expect({ offenders, stale }).toEqual({ offenders: [], stale: [] });
  });

  it('the sql check sees named, renamed and namespace imports, and ignores other modules', () => {
    expect(sqlHelpersImported('a.ts', `import { badInput, sql, type Identity } from '@pdo/platform';`)).toEqual(['sql']);
    expect(sqlHelpersImported('a.ts', `import { sqlOne as one } from '@pdo/platform';`)).toEqual(['sqlOne']);
    expect(sqlHelpersImported('a.ts', `import * as p from '@pdo/platform';`)).toEqual(['*']);
    expect(sqlHelpersImported('a.ts', `import { badInput } from '@pdo/platform';\nimport { sql } from './local.js';`)).toEqual([]);
    expect(sqlExceptions().test('subgraphs/catalog/src/domain/new-rule.ts')).toBe(false);
  });
});
