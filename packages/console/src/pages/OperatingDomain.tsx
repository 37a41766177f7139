import type { RawDataFormat } from '../gql/graphql';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, ErrorBox, ListState, Pager, Section, usePager } from '../components/ui';
import { formatDate, formatNumber } from '../lib/format';
import { LOAD_RAW_DATA, RAW_BATCHES, RECIPE, REVIEW_QUEUE, REVIEW_SANDBOX_JOB } from '../operating-queries';

interface RecipeData {
  recipe: {
    id: string; status: string; sql: string; sqlSha256: string; k: number; submittedAt: string;
    parameters: Array<{ name: string; type: string }>;
    violations: Array<{ code: string; messageZh: string; messageEn: string }>;
    analysis: { aggregate: boolean; k: number; tables: Array<{ name: string; physical: string }>; columns: Array<{ name: string; kind: string; sources: string[]; aggregated: boolean; masked: boolean; reduced: string[] }>; filters: string[]; reviewNotes: string[]; parserVersion: number } | null;
  } | null;
}

/**
 * 运营机构：配方及其分析（合规审核“原始数据不出域”的证据，HN Art 15）. The operator picks one of
 * its products and a version; the stored analysis shows the tables, every output column with its
 * kind and sources, k, and the reviewer's notes — or the codes it was refused with.
 */
export function RecipePanel({ products }: { products: Array<{ id: string; name: string; latestVersion: number }> }) {
  const { t, lang } = useApp();
  const [pick, setPick] = useState<{ productId: string; version: number } | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery<RecipeData>({ query: RECIPE, variables: pick ?? { productId: '', version: 0 }, pause: !pick });
  const r = data?.recipe;
  return (
    <Section title={t('od.recipe')} id="recipe">
      <div className="actions">
        <select aria-label={t('od.pickProduct')} value={pick ? `${pick.productId}:${pick.version}` : ''} onChange={(ev) => {
          const [productId, version] = ev.target.value.split(':');
          setPick(productId ? { productId, version: Number(version) } : null);
        }}>
          <option value="">{t('od.pickProduct')}</option>
          {products.map((p) => (
            <option key={p.id} value={`${p.id}:${p.latestVersion}`}>{`${p.name} · ${t('common.version', { n: p.latestVersion })}`}</option>
          ))}
        </select>
      </div>
      {pick ? (
        <ListState fetching={fetching} error={error} empty={!r} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
          {r ? (
            <div className="recipe" data-status={r.status}>
              <p><Badge value={r.status} tone={r.status === 'ACCEPTED' ? 'ok' : r.status === 'REFUSED' ? 'bad' : 'info'} /> {t('od.k', { k: r.k })} · {formatDate(r.submittedAt, lang)}</p>
              <pre className="sql">{r.sql}</pre>
              <p className="muted">{t('od.sha')}: <code>{r.sqlSha256.slice(0, 16)}…</code></p>
              {r.violations.length ? (
                <ul className="violations">{r.violations.map((v) => <li key={v.code}><code>{v.code}</code> {lang === 'zh' ? v.messageZh : v.messageEn}</li>)}</ul>
              ) : null}
              {r.analysis ? (
                <>
                  <p>{t('od.tables')}: {r.analysis.tables.map((x) => x.name).join('、')} · {r.analysis.aggregate ? t('od.aggregate') : t('od.rowLevel')}</p>
                  <table className="table">
                    <thead><tr><th>{t('od.column')}</th><th>{t('od.kind')}</th><th>{t('od.sources')}</th><th>{t('od.protection')}</th></tr></thead>
                    <tbody>
                      {r.analysis.columns.map((c) => (
                        <tr key={c.name}>
                          <td><code>{c.name}</code></td>
                          <td><Badge value={c.kind} /></td>
                          <td>{c.sources.join(', ')}</td>
                          <td>{[c.aggregated ? t('od.aggregated') : null, c.masked ? t('od.masked') : null, c.reduced.length ? t('od.reduced') : null].filter(Boolean).join('、') || '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {r.analysis.filters.length ? <p className="muted">{t('od.filters')}: {r.analysis.filters.join(', ')}</p> : null}
                  {r.analysis.reviewNotes.length ? <p className="warn">{t('od.notes')}: {r.analysis.reviewNotes.join(', ')}</p> : null}
                </>
              ) : null}
            </div>
          ) : null}
        </ListState>
      ) : null}
    </Section>
  );
}

interface Job {
  id: string; productId: string; version: number; status: string; sql: string; epsilon: string; chargedEpsilon: string; sensitivity: number;
  groupSizes: number[]; suppressedGroups: number; truncated: boolean; flags: string[]; reviewerRole: string; submittedAt: string;
  rows: Array<Record<string, unknown>> | null; columns: Array<{ name: string; kind: string }>;
}

/** 成果审核：沙箱作业的结果在此等待审核，显示查询、分组规模与标记；发布后开发者才能下载。 */
export function OutputReviewQueue() {
  const { t } = useApp();
  const pager = usePager();
  const [{ data, fetching, error }, refetch] = useQuery<{ sandboxJobs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Job }> } }>({ query: REVIEW_QUEUE, variables: { first: 10, after: pager.after } });
  const jobs = data?.sandboxJobs.edges.map((e) => e.node) ?? [];
  return (
    <Section title={t('od.reviewQueue')} id="output-review">
      <ListState fetching={fetching} error={error} empty={!jobs.length} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <div className="stack">{jobs.map((j) => <JobCard key={j.id} j={j} onDone={() => refetch({ requestPolicy: 'network-only' })} />)}</div>
        <Pager pager={pager} pageInfo={data?.sandboxJobs.pageInfo} totalCount={data?.sandboxJobs.totalCount} />
      </ListState>
    </Section>
  );
}

function JobCard({ j, onDone }: { j: Job; onDone: () => void }) {
  const { t, lang } = useApp();
  const [note, setNote] = useState('');
  const [state, review] = useMutation(REVIEW_SANDBOX_JOB);
  const decide = async (decision: 'RELEASED' | 'REFUSED') => {
    const r = await review({ input: { jobId: j.id, decision, note: note.trim() || null } });
    if (!r.error) onDone();
  };
  return (
    <div className="job" data-status={j.status}>
      <p><Badge value={j.status} tone="warn" /> {formatDate(j.submittedAt, lang)} · ε {j.chargedEpsilon} · {t('od.sensitivity', { n: j.sensitivity })}</p>
      <pre className="sql">{j.sql}</pre>
      <p>{t('od.groups', { n: j.groupSizes.length, min: j.groupSizes.length ? formatNumber(String(Math.min(...j.groupSizes)), lang) : '—' })} · {t('od.suppressed', { n: j.suppressedGroups })}{j.truncated ? ` · ${t('od.truncated')}` : ''}</p>
      {j.flags.length ? <p className="warn">{t('od.flags')}: {j.flags.join(', ')}</p> : null}
      {j.rows?.length ? (
        <table className="table">
          <thead><tr>{j.columns.map((c) => <th key={c.name}>{c.name}</th>)}<th>{t('od.groupSize')}</th></tr></thead>
          <tbody>{j.rows.slice(0, 20).map((row, i) => <tr key={i}>{j.columns.map((c) => <td key={c.name}>{String(row[c.name] ?? '—')}</td>)}<td>{j.groupSizes[i] ?? '—'}</td></tr>)}</tbody>
        </table>
      ) : null}
      <div className="actions">
        <input aria-label={t('od.note')} placeholder={t('od.note')} value={note} onChange={(ev) => setNote(ev.target.value)} />
        <button type="button" className="btn small primary" disabled={state.fetching} onClick={() => void decide('RELEASED')}>{t('od.release')}</button>
        <button type="button" className="btn small" disabled={state.fetching} onClick={() => void decide('REFUSED')}>{t('od.refuseRelease')}</button>
        <ErrorBox error={state.error} />
      </div>
    </div>
  );
}

interface Batch { id: string; resourceId: string; batchNo: number; format: string; rowCount: number; byteSize: number; sha256: string; status: string; loadedAt: string; nullRatios: Array<{ field: string; ratio: string }> }
interface LoadProblem { line: number | null; field: string | null; problem: string }

/** 数源单位：数据归集批次，以及一次归集被拒时的行号、字段与原因（一行有误则整批不保存）。 */
export function DataLoads({ resources }: { resources: Array<{ id: string; code: string; nameZh: string }> }) {
  const { t, lang } = useApp();
  const pager = usePager();
  const [{ data, fetching, error }, refetch] = useQuery<{ rawDataBatches: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Batch }> } }>({ query: RAW_BATCHES, variables: { first: 10, after: pager.after } });
  const [state, load] = useMutation(LOAD_RAW_DATA);
  const [form, setForm] = useState<{ resourceId: string; format: RawDataFormat; content: string }>({ resourceId: '', format: 'CSV', content: '' });
  const [problem, setProblem] = useState<LoadProblem | null>(null);
  const names = new Map(resources.map((r) => [r.id, `${r.code} ${r.nameZh}`]));
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setProblem(null);
    const r = await load({ input: { resourceId: form.resourceId, format: form.format, content: form.content } });
    const details = r.error?.graphQLErrors[0]?.extensions?.details as LoadProblem | undefined;
    if (details && 'problem' in details) setProblem(details);
    if (!r.error) {
      setForm({ ...form, content: '' });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Section title={t('od.loads')} id="loads">
      <form className="load-form" onSubmit={(ev) => void submit(ev)}>
        <select aria-label={t('src.resource')} value={form.resourceId} onChange={(ev) => setForm({ ...form, resourceId: ev.target.value })} required>
          <option value="">{t('src.resource')}</option>
          {resources.map((r) => <option key={r.id} value={r.id}>{`${r.code} ${r.nameZh}`}</option>)}
        </select>
        <select aria-label={t('od.format')} value={form.format} onChange={(ev) => setForm({ ...form, format: ev.target.value as RawDataFormat })}>
          <option value="CSV">CSV</option>
          <option value="JSONL">{t('od.jsonLines')}</option>
        </select>
        <textarea aria-label={t('od.content')} placeholder={t('od.content')} rows={6} value={form.content} onChange={(ev) => setForm({ ...form, content: ev.target.value })} required />
        <button type="submit" className="btn primary" disabled={state.fetching}>{t('od.load')}</button>
      </form>
      {problem ? (
        <p className="bad" role="alert">{t('od.loadRefused', { line: problem.line ?? '—', field: problem.field ?? '—' })} <code>{problem.problem}</code></p>
      ) : <ErrorBox error={state.error} />}
      <ListState fetching={fetching} error={error} empty={!data?.rawDataBatches.edges.length} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <table className="table">
          <thead><tr><th>{t('src.resource')}</th><th>{t('od.batch')}</th><th>{t('od.rows')}</th><th>{t('common.status')}</th><th>{t('od.loadedAt')}</th><th>{t('od.nulls')}</th></tr></thead>
          <tbody>
            {data?.rawDataBatches.edges.map(({ node: b }) => (
              <tr key={b.id}>
                <td>{names.get(b.resourceId) ?? b.resourceId}</td>
                <td>#{b.batchNo} · {b.format === 'JSONL' ? t('od.jsonLines') : b.format}</td>
                <td>{formatNumber(String(b.rowCount), lang)}</td>
                <td><Badge value={b.status} tone={b.status === 'CURRENT' ? 'ok' : 'info'} /></td>
                <td>{formatDate(b.loadedAt, lang)}</td>
                <td className="muted">{b.nullRatios.filter((n) => n.ratio !== '0.0000').map((n) => <code key={n.field}>{`${n.field} ${n.ratio}`} </code>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager pager={pager} pageInfo={data?.rawDataBatches.pageInfo} totalCount={data?.rawDataBatches.totalCount} />
      </ListState>
    </Section>
  );
}
