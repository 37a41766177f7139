/**
 * The benchmark's dataset, written straight into each subgraph's own tables with set-based SQL
 * (`insert … select … from generate_series`): a million usage records take seconds this way,
 * where going through the mutations and events would take hours. Every projection a subgraph
 * keeps of another's facts (products' resource_projection / agreement_projection / price_projection, revenue's
 * product_projection / price, licensing's resource_projection …) is filled from the same arithmetic,
 * so the subgraphs agree with each other exactly as if the events had flowed.
 *
 * Ids are deterministic: kind and ordinal are spelled into the uuid (see benchId), so a row's
 * relations are computed, never looked up, and a test can name a generated product.
 */
import os from 'node:os';
import pg from 'pg';
import type { Scale } from './scale.js';
import { searchGrams } from '../../../subgraphs/products/src/domain/rules.js';

export const KIND = {
  operator: 1,
  agency: 2,
  developer: 3,
  resource: 4,
  agreement: 5,
  scenario: 6,
  product: 7,
  usageAgreement: 8,
  entitlement: 9,
  usage: 10,
  charge: 11,
  price: 12,
  plan: 14,
  disclosure: 15,
} as const;

/** uuid of the n-th (1-based) generated row of a kind, e.g. benchId(KIND.product, 1). */
export function benchId(kind: number, n: number): string {
  return `b${kind.toString(16).padStart(7, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The same as benchId, in SQL over an integer expression. */
const id = (kind: number | string, n: string) => `('b' || lpad(to_hex(${kind}), 7, '0') || '-0000-4000-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;

export const JURISDICTION = 'HN';
/** Stored as the catalog's lower-case taxonomy codes (the GraphQL enum upper-cases them). */
const SECTORS = ['credit', 'transport', 'health', 'employment', 'social_security', 'geography', 'culture', 'education', 'science', 'natural_resources', 'agriculture', 'environment', 'emergency', 'finance'];
const SECTORS_ZH = ['企业信用', '交通出行', '医疗健康', '就业创业', '社会保障', '地理空间', '文化旅游', '教育培训', '科技创新', '自然资源', '农业农村', '生态环境', '应急管理', '金融服务'];
const CITIES = ['海口', '三亚', '儋州', '琼海', '文昌', '万宁', '五指山', '东方'];
const NOUNS = ['登记', '统计', '监测', '许可', '备案', '评价', '台账', '名录'];
const FORMS = ['DATA_PACKAGE', 'API', 'MODEL', 'VERIFICATION', 'REPORT', 'SERVICE'];
const FORMS_ZH = ['数据包', '查询接口', '分析模型', '核验服务', '分析报告', '综合服务'];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'REAL_TIME'];
/** Settlement period of the generated usage: Q3 2026, China time. */
export const PERIOD = { start: '2026-07-01', end: '2026-09-30', startInstant: '2026-06-30T16:00:00Z', seconds: 92 * 86_400 };

/** A paid product in the middle of the listing (the product page's subject). */
export function pagedProduct(products: number): number {
  let p = Math.max(1, Math.floor(products / 2) + 1);
  if (p % 5 === 0) p = p < products ? p + 1 : p - 1;
  return p;
}

/** Search term of the listing journey: matches the products built on credit resources (~1 in 14). */
export const SEARCH_TERM = '企业信用';

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;
/** 1-based pick from a SQL text array by an integer expression. */
const pick = (xs: string[], n: string) => `(${arr(xs)})[1 + ((${n}) % ${xs.length})]`;

export interface GenerateProgress {
  (step: string, done: number, total: number): void;
}

interface Step {
  label: string;
  /** Rough cost in "rows", for the progress bar. */
  weight: number;
  /** false: runs outside a transaction (VACUUM). */
  tx?: false;
  /** Independent of the other parallel steps next to it: run beside them, each on its own connection and transaction. */
  parallel?: true;
  run(c: pg.Client): Promise<void>;
}

/**
 * Relations, all 1-based arithmetic (s = the scale):
 *  resource r: agency 1 + (r-1) % agencies, sector (r-1) % 14, under agreement/operator 1 + (r-1) % operators;
 *  product p: operator o = 1 + (p-1) % operators (agreement o, scenario o), 1–3 of the agreement's resources;
 *  usage agreement u: developer 1 + (u-1) % developers, product 1 + ((u-1) * 37) % products;
 *  usage record g (and its charge g): usage agreement 1 + (g-1) % usageAgreements.
 */
function steps(s: Scale): Step[] {
  const perOp = Math.floor(s.resources / s.operators);
  // j-th resource (0-based) of product p: the agreement's resources are o, o + ops, o + 2·ops, …
  const resOf = (p: string, j: number) => `(1 + ((${p}) - 1) % ${s.operators} + ${s.operators} * (((((${p}) - 1) / ${s.operators}) * 3 + ${j}) % ${perOp}))`;
  const nRes = (p: string) => `(1 + (${p}) % 3)`;
  const opOfProduct = (p: string) => `(1 + ((${p}) - 1) % ${s.operators})`;
  const paid = (p: string) => `((${p}) % 5 <> 0)`;
  const priceFen = (p: string) => `(100 + ((${p}) * 37) % 900)`;
  const uaProduct = (u: string) => `(1 + (((${u}) - 1) * 37) % ${s.products})`;
  const uaDeveloper = (u: string) => `(1 + ((${u}) - 1) % ${s.developers})`;
  const resourceIds = (p: string) => `(array[${id(KIND.resource, resOf(p, 0))}] || case when ${nRes(p)} >= 2 then array[${id(KIND.resource, resOf(p, 1))}] else '{}'::uuid[] end || case when ${nRes(p)} >= 3 then array[${id(KIND.resource, resOf(p, 2))}] else '{}'::uuid[] end)`;
  const resourceName = (r: string) => `(${pick(CITIES, r)} || ${pick(SECTORS_ZH, `(${r}) - 1`)} || ${pick(NOUNS, `(${r}) / 14`)} || '数据' || (${r})::text)`;
  const orgs = `(select ${KIND.operator} as kind, g as n, 'OPERATOR' as k, '运营公司' as suffix from generate_series(1, ${s.operators}) g
          union all select ${KIND.agency}, g, 'SOURCE_AGENCY', '数据局' from generate_series(1, ${s.agencies}) g
          union all select ${KIND.developer}, g, 'DEVELOPER', '科技有限公司' from generate_series(1, ${s.developers}) g) o`;
  const orgName = `(${pick(CITIES, 'o.n')} || '市第' || o.n || o.suffix)`;
  const chunk = 100_000;
  const usageChunks: Step[] = [];
  for (let lo = 1; lo <= s.usageRecords; lo += chunk) {
    const hi = Math.min(s.usageRecords, lo + chunk - 1);
    const ua = `(1 + (g - 1) % ${s.usageAgreements})`;
    const prod = uaProduct(ua);
    usageChunks.push({
      label: `usage records ${hi.toLocaleString('en')}/${s.usageRecords.toLocaleString('en')}`,
      weight: (hi - lo + 1) * 2,
      parallel: true,
      run: async (c) => {
        const occurred = `(timestamptz '${PERIOD.startInstant}' + ((g::bigint * 7919) % ${PERIOD.seconds}) * interval '1 second')`;
        await c.query(`insert into products.usage_record (id, entitlement_id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, units, occurred_at, idempotency_key, content_hash, recorded_at)
          select ${id(KIND.usage, 'g')}, ${id(KIND.entitlement, ua)}, ${id(KIND.usageAgreement, ua)}, ${id(KIND.product, prod)}, ${id(KIND.developer, uaDeveloper(ua))},
                 ${id(KIND.operator, opOfProduct(prod))}, '${JURISDICTION}', 1 + g % 7, ${occurred}, 'bench-' || g, md5(g::text), ${occurred}
            from generate_series(${lo}, ${hi}) g`);
        await c.query(`insert into revenue.charge (id, usage_id, usage_agreement_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, price_id, amount_fen, priced, occurred_at)
          select ${id(KIND.charge, 'g')}, ${id(KIND.usage, 'g')}, ${id(KIND.usageAgreement, ua)}, ${id(KIND.product, prod)}, ${id(KIND.operator, opOfProduct(prod))}, ${id(KIND.developer, uaDeveloper(ua))},
                 '${JURISDICTION}', case when ${paid(prod)} then 'PAID' else 'FREE' end, 'PER_CALL', 1 + g % 7,
                 case when ${paid(prod)} then ${priceFen(prod)} end, case when ${paid(prod)} then ${id(KIND.price, prod)} end,
                 case when ${paid(prod)} then ${priceFen(prod)} * (1 + g % 7) else 0 end, true, ${occurred}
            from generate_series(${lo}, ${hi}) g`);
      },
    });
  }

  return [
    {
      label: 'organizations',
      weight: s.operators + s.agencies + s.developers,
      run: async (c) => {
        await c.query(`insert into licensing.organization (id, jurisdiction, name, kinds, credit_code, founded_on)
          select ${id('o.kind', 'o.n')}, '${JURISDICTION}', ${orgName}, array[o.k], '91460000' || lpad(o.kind::text, 2, '0') || lpad(o.n::text, 8, '0'), date '2015-01-01' from ${orgs}`);
        await c.query(`insert into catalog.organization_projection (id, jurisdiction, kinds, name_zh, occurred_at)
          select ${id('o.kind', 'o.n')}, '${JURISDICTION}', jsonb_build_array(o.k), ${orgName}, now() from ${orgs}`);
        await c.query(`insert into products.organization_projection (id, jurisdiction, name_zh, occurred_at)
          select ${id('o.kind', 'o.n')}, '${JURISDICTION}', ${orgName}, now() from ${orgs}`);
        await c.query(`insert into revenue.org_projection (id, jurisdiction, name_zh, kinds) select ${id('o.kind', 'o.n')}, '${JURISDICTION}', ${orgName}, array[o.k] from ${orgs}`);
      },
    },
    {
      label: 'catalog resources',
      weight: s.resources * 4,
      run: async (c) => {
        await c.query(`insert into catalog.data_resource (id, jurisdiction, code, name_zh, description_zh, sector, source_agency_id, fields, classification, grade, openness,
              update_frequency, record_count, last_data_update_at, quality_completeness, quality_consistency, quality_accuracy, quality_timeliness,
              registered, authorizable, search_text, created_by, created_at, updated_at)
          select ${id(KIND.resource, 'r')}, '${JURISDICTION}', 'HN-R-' || lpad(r::text, 6, '0'), ${resourceName('r')}, ${resourceName('r')} || '，按月更新的公共数据资源',
                 ${pick(SECTORS, 'r - 1')}, ${id(KIND.agency, `1 + (r - 1) % ${s.agencies}`)},
                 '[{"name":"record_id","type":"string","descriptionZh":"记录编号"},{"name":"updated_on","type":"date","descriptionZh":"更新日期"}]'::jsonb,
                 'GENERAL', 'L2', case when r % 4 = 0 then 'CONDITIONAL' else 'UNCONDITIONAL' end,
                 ${pick(FREQUENCIES, 'r')}, 1000 * r, timestamptz '2026-06-01T00:00:00Z', 95, 96, 97, 90,
                 true, true, ${resourceName('r')}, 'bench', timestamptz '2026-01-01T00:00:00Z', timestamptz '2026-01-01T00:00:00Z'
            from generate_series(1, ${s.resources}) r`);
        await c.query(`insert into licensing.resource_projection (resource_id, jurisdiction, code, name_zh, sector, source_agency_id, openness, authorizable, status, version)
          select id, jurisdiction, code, name_zh, sector, source_agency_id, openness, true, 'ACTIVE', 1 from catalog.data_resource`);
        await c.query(`insert into products.resource_projection (id, jurisdiction, code, name_zh, sector, source_agency_id, openness, authorizable, status, version)
          select id, jurisdiction, code, name_zh, sector, source_agency_id, openness, true, 'ACTIVE', 1 from catalog.data_resource`);
        // The projections above are whole: the catalog's republish after products' migration 0018 has nothing to add.
        await c.query(`insert into catalog.seed_runs (name) values ('republish:resources-for-products-openness') on conflict do nothing`);
      },
    },
    {
      label: 'agreements and scenarios',
      weight: s.operators * 10,
      run: async (c) => {
        const resIds = `(select array_agg(${id(KIND.resource, 'r')} order by r) from generate_series(a, ${s.resources}, ${s.operators}) r)`;
        const sectors = `(select array_agg(distinct ${pick(SECTORS, 'r - 1')}) from generate_series(a, ${s.resources}, ${s.operators}) r)`;
        await c.query(`insert into licensing.agreement (id, number, jurisdiction, operator_id, mode, status, start_date, end_date, resource_ids, sectors, profile_version, signed_on, filed_on, activated_at)
          select ${id(KIND.agreement, 'a')}, 'HN-SQ-2026-' || lpad(a::text, 4, '0'), '${JURISDICTION}', ${id(KIND.operator, 'a')}, 'WHOLE', 'ACTIVE',
                 date '2026-01-01', date '2028-12-31', ${resIds}, ${sectors}, 1, date '2025-12-20', date '2025-12-25', timestamptz '2026-01-01T00:00:00Z'
            from generate_series(1, ${s.operators}) a`);
        await c.query(`insert into licensing.scenario (id, agreement_id, operator_id, jurisdiction, name_zh, description, category, status, submitted_on, review_due_on, agency_decision, decided_at)
          select ${id(KIND.scenario, 'a')}, ${id(KIND.agreement, 'a')}, ${id(KIND.operator, 'a')}, '${JURISDICTION}', '综合开发场景' || a, '基准测试场景', 'INDUSTRY', 'APPROVED',
                 date '2026-01-05', date '2026-01-20', 'APPROVED', timestamptz '2026-01-10T00:00:00Z'
            from generate_series(1, ${s.operators}) a`);
        await c.query(`insert into products.agreement_projection (id, agreement_number, jurisdiction, operator_id, status, start_date, end_date, resource_ids, sectors, as_of)
          select id, number, jurisdiction, operator_id, status, start_date, end_date, resource_ids, sectors, activated_at from licensing.agreement`);
        await c.query(`insert into products.scenario_projection (id, agreement_id, operator_id, jurisdiction, name_zh, category, resource_ids, status, as_of)
          select s.id, s.agreement_id, s.operator_id, s.jurisdiction, s.name_zh, s.category, a.resource_ids, 'APPROVED', s.decided_at
            from licensing.scenario s join licensing.agreement a on a.id = s.agreement_id`);
        await c.query(`insert into catalog.agreement_projection (agreement_id, agreement_number, jurisdiction, status, resource_ids, effective_at)
          select id, number, jurisdiction, status, to_jsonb(resource_ids), activated_at from licensing.agreement`);
        await c.query(`insert into revenue.agreement_projection (id, jurisdiction, operator_id, agreement_number, status, start_date, end_date, as_of)
          select id, jurisdiction, operator_id, number, status, start_date, end_date, activated_at from licensing.agreement`);
      },
    },
    {
      label: 'listed products',
      weight: s.products * 12,
      run: async (c) => {
        await c.query(`insert into products.data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit,
              latest_version, listing_status, listed_version, listed_at, resource_ids, created_at, updated_at)
          select ${id(KIND.product, 'p')}, 'HN-P-' || lpad(p::text, 6, '0'), '${JURISDICTION}', ${id(KIND.operator, opOfProduct('p'))},
                 ${id(KIND.agreement, opOfProduct('p'))}, ${id(KIND.scenario, opOfProduct('p'))},
                 ${pick(SECTORS_ZH, `${resOf('p', 0)} - 1`)} || ${pick(FORMS_ZH, 'p')} || p, '基于' || ${pick(SECTORS_ZH, `${resOf('p', 0)} - 1`)} || '数据的' || ${pick(FORMS_ZH, 'p')},
                 ${pick(FORMS, 'p')}, case when ${paid('p')} then 'PAID' else 'FREE' end, 'PER_CALL', 1, 'LISTED', 1,
                 timestamptz '2026-02-01T00:00:00Z' + p * interval '1 minute', ${resourceIds('p')}, timestamptz '2026-01-15T00:00:00Z', now()
            from generate_series(1, ${s.products}) p`);
        // Facet columns as indexProduct derives them from resource_projection.
        await c.query(`update products.data_product p set
            sectors = coalesce((select array_agg(distinct r.sector order by r.sector) from products.resource_projection r where r.id = any(p.resource_ids)), '{}'),
            source_agency_ids = coalesce((select array_agg(distinct r.source_agency_id) from products.resource_projection r where r.id = any(p.resource_ids)), '{}'),
            search_text = p.name || ' ' || p.description || ' ' || coalesce((select s.name_zh from products.scenario_projection s where s.id = p.scenario_id), '') || ' ' ||
                          coalesce((select string_agg(r.name_zh, ' ') from products.resource_projection r where r.id = any(p.resource_ids)), '')`);
        // The search grams with the products subgraph's own tokenizer (set-based: one statement per 5,000 rows).
        const { rows } = await c.query<{ id: string; t: string }>(`select id, search_text as t from products.data_product`);
        for (let i = 0; i < rows.length; i += 5_000) {
          const part = rows.slice(i, i + 5_000);
          await c.query(`update products.data_product p set search_grams = array(select jsonb_array_elements_text(x.g)) from unnest($1::uuid[], $2::jsonb[]) as x(id, g) where p.id = x.id`, [
            part.map((r) => r.id),
            part.map((r) => JSON.stringify(searchGrams(r.t))),
          ]);
        }
        await c.query(`insert into products.product_version (product_id, version, status, resource_ids, delivery_method, output_schema, sample_outputs, submitted_at, delivered_at, created_at)
          select id, 1, 'APPROVED', resource_ids, case when form = 'API' then 'API_CALL' else 'ONLINE_SERVICE' end,
                 '[{"name":"result","type":"string","kind":"DERIVED","descriptionZh":"结果"}]'::jsonb, '[{"result":"ok"}]'::jsonb,
                 created_at, listed_at, created_at from products.data_product`);
        await c.query(`insert into products.price_projection (id, kind, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from)
          select ${id(KIND.price, 'p')}, 'PRICE', ${id(KIND.product, 'p')}, ${id(KIND.operator, opOfProduct('p'))}, '${JURISDICTION}', 'PER_CALL', ${priceFen('p')}, date '2026-01-01'
            from generate_series(1, ${s.products}) p where ${paid('p')}`);
        // Revenue's projections of the same products, their resources and prices.
        await c.query(`insert into revenue.product_projection (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, version, as_of)
          select id, jurisdiction, operator_id, agreement_id, code, name, category, listing_status, 1, listed_at from products.data_product`);
        await c.query(`insert into revenue.product_resource_projection (product_id, resource_id, source_unit_id, ordinal)
          select p.id, r.id, r.source_agency_id, x.ord from products.data_product p, unnest(p.resource_ids) with ordinality as x(rid, ord) join products.resource_projection r on r.id = x.rid`);
        await c.query(`insert into revenue.price (id, product_id, operator_id, jurisdiction, charging_unit, price_fen, effective_from, version, created_by)
          select id, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from, 1, 'bench' from products.price_projection where kind = 'PRICE'`);
        // Evaluation's public feed: one 挂牌 disclosure per listed product (what ProductListed produces).
        await c.query(`insert into evaluation.disclosure (id, jurisdiction, name, kind, subject_id, rule, facts, published_at, created_at, dedupe_key)
          select ${id(KIND.disclosure, 'g')}, p.jurisdiction, '产品挂牌：' || p.name, 'PRODUCT_LISTED', p.id, 'HN Art 24',
                 jsonb_build_array(jsonb_build_object('key', 'code', 'value', p.code), jsonb_build_object('key', 'operatorId', 'value', p.operator_id::text)),
                 p.listed_at, p.listed_at, 'bench-listed-' || g
            from generate_series(1, ${s.products}) g join products.data_product p on p.id = ${id(KIND.product, 'g')}`);
        // …and its counts, as `disclose` keeps them (evaluation migration 0012).
        await c.query(`insert into evaluation.disclosure_count (jurisdiction, kind, n) select jurisdiction, kind, count(*) from evaluation.disclosure group by jurisdiction, kind
          on conflict (jurisdiction, kind) do update set n = excluded.n`);
        await c.query(`insert into revenue.distribution_plan (id, agreement_id, jurisdiction, version, source_basis, created_by)
          select ${id(KIND.plan, 'a')}, ${id(KIND.agreement, 'a')}, '${JURISDICTION}', 1, 'RESOURCE_USAGE', 'bench' from generate_series(1, ${s.operators}) a`);
        await c.query(`insert into revenue.distribution_plan_party (plan_id, ordinal, party_kind, party_id, weight)
          select ${id(KIND.plan, 'a')}, x.ord, x.kind, case x.kind when 'OPERATOR' then ${id(KIND.operator, 'a')}::text when 'JURISDICTION' then '${JURISDICTION}' end, x.w
            from generate_series(1, ${s.operators}) a, (values (1, 'OPERATOR', 60), (2, 'SOURCE_AGENCIES', 35), (3, 'JURISDICTION', 5)) as x(ord, kind, w)`);
      },
    },
    {
      label: 'usage agreements',
      weight: s.usageAgreements * 4,
      run: async (c) => {
        const u = 'u';
        await c.query(`insert into products.usage_agreement (id, product_id, developer_id, operator_id, jurisdiction, category, purpose, scope, method, start_date, end_date,
              revenue_distribution, security_terms, confidentiality_terms, status, operator_accepted_at, developer_accepted_at, signed_at, created_at)
          select ${id(KIND.usageAgreement, u)}, ${id(KIND.product, uaProduct(u))}, ${id(KIND.developer, uaDeveloper(u))}, ${id(KIND.operator, opOfProduct(uaProduct(u)))}, '${JURISDICTION}',
                 case when ${paid(uaProduct(u))} then 'PAID' else 'FREE' end, '基准测试', '全量', 'API_CALL', date '2026-03-01', date '2027-02-28',
                 '按协议', '符合等保要求', '不得泄露', 'SIGNED', timestamptz '2026-02-25T00:00:00Z', timestamptz '2026-02-26T00:00:00Z', timestamptz '2026-02-26T00:00:00Z', timestamptz '2026-02-20T00:00:00Z'
            from generate_series(1, ${s.usageAgreements}) u`);
        await c.query(`insert into products.entitlement (id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, status, start_date, end_date, created_at)
          select ${id(KIND.entitlement, u)}, ${id(KIND.usageAgreement, u)}, ${id(KIND.product, uaProduct(u))}, ${id(KIND.developer, uaDeveloper(u))}, ${id(KIND.operator, opOfProduct(uaProduct(u)))},
                 '${JURISDICTION}', 'ACTIVE', date '2026-03-01', date '2027-02-28', timestamptz '2026-02-26T00:00:00Z'
            from generate_series(1, ${s.usageAgreements}) u`);
        await c.query(`insert into revenue.usage_agreement_projection (id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category, status, as_of)
          select id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category, status, signed_at from products.usage_agreement`);
      },
    },
    ...usageChunks,
    {
      label: 'usage totals',
      weight: s.usageRecords / 2,
      run: async (c) => {
        await c.query(`update products.data_product p set usage_units = t.units, usage_records = t.n from (select product_id, sum(units) as units, count(*)::int as n from products.usage_record group by product_id) t where t.product_id = p.id`);
        await c.query(`update products.entitlement e set used_units = t.units from (select entitlement_id, sum(units) as units from products.usage_record group by entitlement_id) t where t.entitlement_id = e.id`);
      },
    },
    {
      label: 'vacuum analyze',
      tx: false,
      weight: s.usageRecords / 2 + s.resources,
      run: async (c) => {
        for (const schema of ['catalog', 'licensing', 'products', 'revenue', 'evaluation']) {
          const { rows } = await c.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = $1`, [schema]);
          for (const r of rows) {
            // Only what we filled: an empty table analysed as empty (reltuples = 0) makes the planner
            // trust it stays empty — a fresh production database has never analysed it (-1) either.
            const filled = await c.query(`select 1 from ${schema}."${r.t}" limit 1`);
            if (filled.rowCount) await c.query(`vacuum (analyze) ${schema}."${r.t}"`);
          }
        }
      },
    },
  ];
}

export interface GenerateResult {
  ms: number;
  rows: Record<string, number>;
}

/** Connections the parallel steps (the usage records and charges, in chunks) are loaded on at once. */
const LOADERS = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Fills an already migrated database (all five subgraphs' schemas) with the dataset of `scale`. The usage records and
 * their charges, most of the rows, are loaded in chunks on several connections at once: loading them is PostgreSQL's
 * CPU maintaining the tables' indexes, and one connection keeps one core busy.
 */
export async function generate(databaseUrl: string, scale: Scale, progress: GenerateProgress = () => {}): Promise<GenerateResult> {
  const started = Date.now();
  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`set synchronous_commit = off`);
    return client;
  };
  const c = await connect();
  const loaders: pg.Client[] = [c];
  try {
    const all = steps(scale);
    const total = all.reduce((a, s) => a + s.weight, 0);
    let done = 0;
    const runStep = async (client: pg.Client, step: Step) => {
      progress(step.label, done, total);
      if (step.tx === false) await step.run(client);
      else {
        await client.query('begin');
        await step.run(client);
        await client.query('commit');
      }
      done += step.weight;
      progress(step.label, done, total);
    };
    for (let i = 0; i < all.length; ) {
      const step = all[i]!;
      if (step.parallel) {
        const batch: Step[] = [];
        while (all[i]?.parallel) batch.push(all[i++]!);
        while (loaders.length < Math.min(LOADERS, batch.length)) loaders.push(await connect());
        let next = 0;
        await Promise.all(loaders.map(async (client) => {
          while (next < batch.length) await runStep(client, batch[next++]!);
        }));
        continue;
      }
      i++;
      await runStep(c, step);
    }
    const counts = await c.query<{ t: string; n: string }>(`select 'resources' as t, count(*)::text as n from catalog.data_resource
      union all select 'products', count(*)::text from products.data_product
      union all select 'organizations', count(*)::text from licensing.organization
      union all select 'usageAgreements', count(*)::text from products.usage_agreement
      union all select 'usageRecords', count(*)::text from products.usage_record
      union all select 'charges', count(*)::text from revenue.charge`);
    return { ms: Date.now() - started, rows: Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])) };
  } finally {
    await Promise.all(loaders.map((l) => l.end().catch(() => {})));
  }
}
