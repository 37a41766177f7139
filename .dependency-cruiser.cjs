// @ts-check
/**
 * The layering the code already holds, enforced (docs/architecture.md, "The rooms of a subgraph").
 * Run by `test/layering/layering.test.ts` (part of `pnpm test`) and by hand with `pnpm layering`.
 *
 * KNOWN EXCEPTIONS below are today's files that break a room rule. They are named one by one so the
 * rule holds for every new file; the restructuring of the subgraphs removes them. Never add to them
 * to make a new file pass: move the code to the room it belongs in.
 */

/** Domain files that reach GraphQL (graphql, type-graphql, ../schema). None today: keep it empty. */
const DOMAIN_GRAPHQL_EXCEPTIONS = [];

/**
 * Domain files that talk to the database: they import `sql`/`sqlOne` from `@pdo/platform`
 * (checked on the TypeScript syntax tree by test/layering/layering.test.ts, which reads this list
 * from the `pathNot` of the rule `domain-no-database`) or a database library
 * (`@mikro-orm/*`, `pg`, `pg-boss`; checked by the cruiser). They are services or queries living in
 * `domain/`; their rules move to pure domain files and their statements to `data/` or `services/`.
 */
const DOMAIN_SQL_EXCEPTIONS = [];

const esc = (/** @type {string} */ p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (/** @type {string[]} */ files) => (files.length ? [`^(${files.map(esc).join('|')})$`] : []);

/** A third-party module, resolved (pnpm: node_modules/.pnpm/<x>/node_modules/<name>/…) or not. */
const lib = (/** @type {string} */ names) => `(^|/)node_modules/(${names})/|^(${names})$`;
const GRAPHQL_LIBS = 'graphql|type-graphql|@apollo/[^/]+|@graphql-[^/]+/[^/]+';
const DATABASE_LIBS = '@mikro-orm/[^/]+|pg|pg-boss|kysely';

const SOURCE = '^(gateway/src|subgraphs/[^/]+/src|packages/[^/]+/src)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle in gateway, subgraph or package source: move the shared piece to the module it belongs to.',
      severity: 'error',
      from: { path: SOURCE },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (an unresolved one would slip past the path rules below).',
      severity: 'error',
      from: { path: SOURCE },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-subgraph-to-subgraph',
      comment: 'A subgraph never imports another subgraph (by @pdo/<name> or by path): facts cross through events and federation.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/src/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'pure-packages',
      comment: 'packages/policy, packages/events and packages/registration are pure: no subgraph, no gateway, no platform, no GraphQL or database library.',
      severity: 'error',
      from: { path: '^packages/(policy|events|registration)/src/' },
      to: { path: [`^(subgraphs|gateway)/`, '^packages/(platform|testing|demo|bench|migrate|console)/', lib(GRAPHQL_LIBS), lib(DATABASE_LIBS)] },
    },
    {
      name: 'domain-no-graphql',
      comment: 'src/domain holds pure rules: no graphql, no type-graphql, nothing from src/schema.',
      severity: 'error',
      from: { path: '^subgraphs/[^/]+/src/domain/', pathNot: exactly(DOMAIN_GRAPHQL_EXCEPTIONS) },
      to: { path: [lib(GRAPHQL_LIBS), '^subgraphs/[^/]+/src/schema/'] },
    },
    {
      name: 'domain-no-database',
      comment: 'src/domain does no I/O: no database library (the sql/sqlOne helpers are checked by test/layering).',
      severity: 'error',
      from: { path: '^subgraphs/[^/]+/src/domain/', pathNot: exactly(DOMAIN_SQL_EXCEPTIONS) },
      to: { path: lib(DATABASE_LIBS) },
    },
    {
      name: 'domain-pure',
      comment: 'src/domain holds pure rules: it imports other domain files and the pure packages only — never data/, services/, schema/, loaders/, handlers/, access.ts or the platform.',
      severity: 'error',
      from: { path: '^subgraphs/[^/]+/src/domain/' },
      to: { path: ['^subgraphs/[^/]+/src/(data|services|schema|loaders|handlers)/', '^subgraphs/[^/]+/src/access\\.ts$', '^packages/(platform|testing|demo|bench|migrate|console)/'] },
    },
    {
      name: 'data-below-use-cases',
      comment: 'src/data answers plain rows: it never imports schema/ (GraphQL classes), services/, loaders/ or handlers/.',
      severity: 'error',
      from: { path: '^subgraphs/[^/]+/src/data/' },
      to: { path: '^subgraphs/[^/]+/src/(schema|services|loaders|handlers)/' },
    },
    {
      name: 'schema-through-services',
      comment: 'src/schema resolvers go through services/ (use cases) or loaders/, never data/ directly.',
      severity: 'error',
      from: { path: '^subgraphs/[^/]+/src/schema/' },
      to: { path: '^subgraphs/[^/]+/src/data/' },
    },
    {
      name: 'gateway-through-packages',
      comment: 'The gateway reaches a subgraph only through its published entry (@pdo/<name> → src/index.ts), never its inner files.',
      severity: 'error',
      from: { path: '^gateway/src/' },
      to: { path: '^subgraphs/[^/]+/', pathNot: '^subgraphs/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '/dist/' },
    // Type-only imports count: a cycle or a forbidden room through `import type` is still a wrong dependency.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
