import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, Cite, Due, ErrorBox, ListState, NeedSignIn, Pager, Section, usePager } from '../components/ui';
import { answerInput, concernedFields, newDraft, type AnswerDraft, type AnswerProblem, type CorrectableResource, type ResourceFieldLike } from '../lib/correction';
import { formatDate, formatNumber } from '../lib/format';
import { fieldType, type MessageKey } from '../lib/i18n';
import { DataLoads } from './OperatingDomain';
import { MY_RESOURCES } from '../operating-queries';
import { ANSWER_CORRECTION, CORRECTIONS, OVERDUE_CORRECTIONS_COUNT } from '../queries';

interface Correction {
  id: string;
  state: 'OPEN' | 'CORRECTED' | 'REJECTED';
  problem: string;
  fieldNames: string[];
  evidence: string | null;
  raisedOn: string;
  dueOn: string | null;
  dueRule: string | null;
  overdue: boolean;
  raisedBy: string;
  answeredOn: string | null;
  answerReason: string | null;
  correctedVersion: number | null;
  onTime: boolean | null;
  raisedByOrganization: { id: string; name: string } | null;
  resource: (CorrectableResource & { id: string; code: string; nameZh: string; version: number }) | null;
}

const PAGE = 10;
const FREQUENCIES = ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'IRREGULAR'];

/**
 * 数据提供单位工作台: the source agency's correction requests (校核, HN Art 16), open ones first
 * with their working-day due dates, and the answer: correct (a new resource version) or decline.
 */
export function SourceAgencyDesk() {
  const { t, claims } = useApp();
  const openPager = usePager();
  const donePager = usePager();
  const [open, refetchOpen] = useQuery({ query: CORRECTIONS, variables: { states: ['OPEN'], first: PAGE, after: openPager.after }, pause: !claims });
  const [done, refetchDone] = useQuery({ query: CORRECTIONS, variables: { states: ['CORRECTED', 'REJECTED'], first: PAGE, after: donePager.after }, pause: !claims });
  const [overdue, refetchOverdue] = useQuery({ query: OVERDUE_CORRECTIONS_COUNT, pause: !claims });
  const [mine] = useQuery({ query: MY_RESOURCES, variables: { agency: claims?.org ?? '' }, pause: !claims?.org });
  // Answered here in this visit: the row stays in the open list with its new status until the user moves on.
  const [answered, setAnswered] = useState<Correction[]>([]);
  const [answering, setAnswering] = useState<string | null>(null);
  if (!claims) return <NeedSignIn />;

  const fresh = { requestPolicy: 'network-only' as const };
  const onAnswered = (c: Correction) => {
    setAnswered((list) => [c, ...list.filter((x) => x.id !== c.id)]);
    setAnswering(null);
    refetchOpen(fresh);
    refetchDone(fresh);
    refetchOverdue(fresh);
  };
  const byId = new Map(answered.map((c) => [c.id, c]));
  const served = open.data?.correctionRequests.edges.map(({ node }) => byId.get(node.id) ?? node) ?? [];
  const openRows = [...answered.filter((c) => !served.some((s) => s.id === c.id)), ...served];

  return (
    <div className="desk source-desk">
      <h1>{t('nav.source')}</h1>
      <nav className="queue-summary" aria-label={t('src.queues')}>
        <a href="#open">
          {t('src.open')} <b data-count="open">{open.data?.correctionRequests.totalCount ?? '…'}</b>
        </a>
        <a href="#open" className={overdue.data?.overdueCorrectionRequests.totalCount ? 'has-overdue' : ''}>
          {t('src.overdue')} <b data-count="overdue">{overdue.data?.overdueCorrectionRequests.totalCount ?? '…'}</b>
        </a>
        <a href="#answered">
          {t('src.answered')} <b data-count="answered">{done.data?.correctionRequests.totalCount ?? '…'}</b>
        </a>
      </nav>
      <Section id="open" title={t('src.open')}>
        <ListState fetching={open.fetching} error={open.error} empty={!openRows.length} onRetry={() => refetchOpen(fresh)} emptyText={t('src.noOpen')}>
          <table className="table corrections">
            <Head last={t('common.status')} />
            <tbody>
              {openRows.map((c) => (
                <CorrectionRows
                  key={c.id}
                  c={c}
                  recent={byId.has(c.id)}
                  formOpen={answering === c.id}
                  onToggle={() => setAnswering((id) => (id === c.id ? null : c.id))}
                  onAnswered={onAnswered}
                />
              ))}
            </tbody>
          </table>
          <Pager pager={openPager} pageInfo={open.data?.correctionRequests.pageInfo} totalCount={open.data?.correctionRequests.totalCount} />
        </ListState>
      </Section>
      <Section id="answered" title={t('src.answered')}>
        <ListState fetching={done.fetching} error={done.error} empty={!done.data?.correctionRequests.edges.length} onRetry={() => refetchDone(fresh)} emptyText={t('src.noAnswered')}>
          <table className="table corrections">
            <Head last={t('src.answer')} />
            <tbody>
              {done.data?.correctionRequests.edges.map(({ node }) => <CorrectionRows key={node.id} c={node} />)}
            </tbody>
          </table>
          <Pager pager={donePager} pageInfo={done.data?.correctionRequests.pageInfo} totalCount={done.data?.correctionRequests.totalCount} />
        </ListState>
      </Section>
      <DataLoads resources={mine.data?.dataResources.edges.map(({ node }) => node) ?? []} />
    </div>
  );
}

function Head({ last }: { last: string }) {
  const { t } = useApp();
  return (
    <thead>
      <tr>
        <th>{t('src.resource')}</th>
        <th>{t('src.asked')}</th>
        <th>{t('src.raisedBy')}</th>
        <th>{t('src.raisedOn')}</th>
        <th>{t('src.dueOn')}</th>
        <th>{last}</th>
      </tr>
    </thead>
  );
}

/** One request: its row, and below it the answer form while that is open. */
function CorrectionRows({ c, recent = false, formOpen = false, onToggle, onAnswered }: { c: Correction; recent?: boolean; formOpen?: boolean; onToggle?: () => void; onAnswered?: (c: Correction) => void }) {
  const { t, lang } = useApp();
  const isOpen = c.state === 'OPEN';
  const fields = c.resource?.fields ?? [];
  return (
    <>
      <tr data-correction={c.id} data-state={c.state} className={isOpen && c.overdue ? 'overdue-row' : recent ? 'answered-row' : ''}>
        <td>
          {c.resource ? (
            <>
              {c.resource.nameZh}
              <div className="muted">
                <code>{c.resource.code}</code> · {t('src.version', { n: c.resource.version })}
              </div>
            </>
          ) : (
            <span className="muted">{t('src.noResource')}</span>
          )}
        </td>
        <td className="asked">
          <div>{c.problem}</div>
          {c.fieldNames.length ? (
            <div className="chips" aria-label={t('src.fields')}>
              {c.fieldNames.map((n) => (
                <span key={n} className="badge info" title={fields.find((f) => f.name === n)?.descriptionZh}>
                  {fields.find((f) => f.name === n)?.descriptionZh ?? ''} <code>{n}</code>
                </span>
              ))}
            </div>
          ) : null}
          {c.evidence ? <div className="muted">{t('src.evidence', { e: c.evidence })}</div> : null}
        </td>
        <td>
          {c.raisedByOrganization?.name ?? '—'}
          <div className="muted"><code>{c.raisedBy}</code></div>
        </td>
        <td className="nowrap">{formatDate(c.raisedOn, lang)}</td>
        <td>
          {isOpen ? <Due on={c.dueOn} overdue={c.overdue} /> : <span className="nowrap">{formatDate(c.dueOn, lang)}</span>}
          {c.dueRule ? <div className="muted">{t('reg.dueRule', { s: '' })}<Cite source={c.dueRule} /></div> : null}
        </td>
        <td className="status">
          {isOpen ? (
            <div className="actions">
              <Badge value="OPEN" tone={c.overdue ? 'bad' : 'warn'} />
              {onToggle ? (
                <button type="button" className={`btn small${formOpen ? '' : ' primary'}`} aria-expanded={formOpen} onClick={onToggle}>
                  {formOpen ? t('common.cancel') : t('src.answer')}
                </button>
              ) : null}
            </div>
          ) : (
            <Answer c={c} />
          )}
        </td>
      </tr>
      {isOpen && formOpen && onAnswered ? (
        <tr className="answer-row">
          <td colSpan={6}>
            <AnswerForm c={c} onAnswered={onAnswered} onCancel={onToggle} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The answer given: outcome, when, on time or late, the new version or the reason. */
function Answer({ c }: { c: Correction }) {
  const { t, lang } = useApp();
  return (
    <div className="answer">
      <span className={`badge ${c.state === 'CORRECTED' ? 'ok' : 'bad'}`} data-outcome={c.state}>
        {t(`src.state.${c.state}` as MessageKey)}
      </span>
      {c.answeredOn ? <div className="muted">{t('src.answeredOn', { d: formatDate(c.answeredOn, lang) })}</div> : null}
      {c.onTime !== null ? <div className={c.onTime ? 'muted' : 'warn'}>{t(c.onTime ? 'src.onTime' : 'src.late')}</div> : null}
      {c.correctedVersion !== null ? <div>{t('src.newVersion', { n: c.correctedVersion })}</div> : null}
      {c.answerReason ? <div className="reason">{c.answerReason}</div> : null}
    </div>
  );
}

function AnswerForm({ c, onAnswered, onCancel }: { c: Correction; onAnswered: (c: Correction) => void; onCancel?: () => void }) {
  const { t, e, lang } = useApp();
  const [draft, setDraft] = useState<AnswerDraft>(() => newDraft(c.resource, c.fieldNames));
  const [problem, setProblem] = useState<AnswerProblem | null>(null);
  const [result, answer] = useMutation(ANSWER_CORRECTION);
  const set = <K extends keyof AnswerDraft>(k: K, v: AnswerDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setProblem(null);
  };
  const concerned: ResourceFieldLike[] = concernedFields(c.resource, c.fieldNames);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = answerInput(c.id, draft, c.resource);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    const r = await answer({ input: checked.input });
    // A refusal stays in the form (ErrorBox below) and nothing else changes.
    if (!r.error && r.data) onAnswered(r.data.answerCorrectionRequest);
  };
  const invalid = (p: AnswerProblem) => (problem === p ? { 'aria-invalid': true as const } : {});
  const title = t('src.answerTitle', { name: c.resource?.nameZh ?? c.id.slice(0, 8) });
  return (
    <form className="form answer-form" onSubmit={onSubmit} aria-label={title} noValidate>
      <fieldset className="outcome" {...invalid('outcome')}>
        <legend>{t('src.outcome')}</legend>
        <label className="choice">
          <input type="radio" name="outcome" value="CORRECTED" checked={draft.outcome === 'CORRECTED'} disabled={!c.resource} onChange={() => set('outcome', 'CORRECTED')} />
          {t('src.correct')}
        </label>
        <label className="choice">
          <input type="radio" name="outcome" value="REJECTED" checked={draft.outcome === 'REJECTED'} onChange={() => set('outcome', 'REJECTED')} />
          {t('src.reject')}
        </label>
        {!c.resource ? <div className="muted">{t('src.err.noResource')}</div> : null}
      </fieldset>
      {draft.outcome === 'CORRECTED' && c.resource ? (
        <>
          <p className="muted">{t('src.correctHint', { v: c.resource.version })}</p>
          {concerned.map((f) => (
            <label key={f.name}>
              <span>
                {t('src.fieldDescription', { desc: f.descriptionZh || f.name })} <code>{f.name}</code> · {fieldType(f.type, lang)}
              </span>
              <input name={`field:${f.name}`} value={draft.fieldDescriptions[f.name] ?? ''} onChange={(ev) => set('fieldDescriptions', { ...draft.fieldDescriptions, [f.name]: ev.target.value })} />
            </label>
          ))}
          <label>
            {t('src.description')}
            <textarea name="descriptionZh" rows={2} value={draft.descriptionZh} onChange={(ev) => set('descriptionZh', ev.target.value)} />
          </label>
          <div className="row">
            <label>
              {t('src.recordCount')} <small className="muted">{formatNumber(c.resource.recordCount, lang)}</small>
              <input name="recordCount" inputMode="numeric" value={draft.recordCount} onChange={(ev) => set('recordCount', ev.target.value)} {...invalid('recordCount')} />
            </label>
            <label>
              {t('src.updateFrequency')}
              <select name="updateFrequency" value={draft.updateFrequency} onChange={(ev) => set('updateFrequency', ev.target.value)}>
                {FREQUENCIES.map((f) => (
                  <option key={f} value={f}>
                    {e(f)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('src.correctNote')}
            <textarea name="reason" rows={2} value={draft.reason} onChange={(ev) => set('reason', ev.target.value)} />
          </label>
        </>
      ) : null}
      {draft.outcome === 'REJECTED' ? (
        <label>
          {t('src.rejectReason')}
          <textarea name="reason" rows={3} required value={draft.reason} onChange={(ev) => set('reason', ev.target.value)} {...invalid('reason')} />
        </label>
      ) : null}
      {problem ? (
        <div className="state state-error field-error" role="alert" data-problem={problem}>
          {t(`src.err.${problem}` as MessageKey)}
        </div>
      ) : null}
      <ErrorBox error={result.error} />
      <div className="actions">
        <button className="btn primary" type="submit" disabled={result.fetching}>
          {result.fetching ? t('src.sending') : t('src.send')}
        </button>
        {onCancel ? (
          <button className="btn" type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
