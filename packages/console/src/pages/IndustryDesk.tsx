import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, Due, ErrorBox, ListState, NeedSignIn, Section } from '../components/ui';
import { formatDate } from '../lib/format';
import { useLookups } from '../lookups';
import { INDUSTRY_DESK, RECORD_OPINION } from '../role-queries';

/**
 * An industry department (行业主管部门) reviews scenarios' data requests together with the implementing agency where
 * the profile says so (JL §五5): the scenarios under review in its jurisdiction, and its opinion on each, once.
 */
export function IndustryDesk() {
  const { t, claims } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: INDUSTRY_DESK, variables: { first: 50 }, pause: !claims });
  if (!claims) return <NeedSignIn />;
  const rows = data?.dataScenarios.edges.map((x) => x.node) ?? [];
  return (
    <div className="desk">
      <h1>{t('nav.industry')}</h1>
      <Section title={t('ind.queue')} id="scenarios">
        <p className="muted">{t('ind.hint')}</p>
        <ListState fetching={fetching} error={error} empty={!rows.length} onRetry={() => refetch({ requestPolicy: 'network-only' })} emptyText={t('ind.none')}>
          <div className="stack">
            {rows.map((s) => (
              <OpinionRow key={s.id} s={s} org={claims.org} />
            ))}
          </div>
        </ListState>
      </Section>
    </div>
  );
}

interface Scenario {
  id: string;
  nameZh: string;
  category: string;
  status: string;
  submittedOn: string;
  reviewDueOn?: string | null;
  operatorId: string;
  industryOpinions: { departmentId: string; supports: boolean; opinion: string; givenAt: string }[];
}

function OpinionRow({ s, org }: { s: Scenario; org: string | null }) {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const [opinion, setOpinion] = useState('');
  const [missing, setMissing] = useState(false);
  const [result, record] = useMutation(RECORD_OPINION);
  const mine = s.industryOpinions.find((o) => o.departmentId === org);
  const give = (supports: boolean) => {
    const text = opinion.trim();
    setMissing(!text);
    if (text) void record({ scenarioId: s.id, supports, opinion: text });
  };
  return (
    <div className="app-row" data-scenario={s.id}>
      <div>
        <strong>{s.nameZh}</strong> <Badge value={s.status} /> <span className="badge info">{e(s.category)}</span>
        <div className="muted">
          {names.org(s.operatorId)} · {t('ind.submitted', { d: formatDate(s.submittedOn, lang) })} · {t('common.dueOn')} <Due on={s.reviewDueOn} />
        </div>
        {s.industryOpinions.map((o) => (
          <div key={o.departmentId} className="muted" data-opinion={o.departmentId}>
            {names.org(o.departmentId)}：{o.supports ? t('ind.supports') : t('ind.opposes')} — {o.opinion} ({formatDate(o.givenAt, lang)})
          </div>
        ))}
      </div>
      {!mine ? (
        <div className="actions">
          <input aria-label={t('ind.opinion')} placeholder={t('ind.opinion')} value={opinion} onChange={(ev) => setOpinion(ev.target.value)} />
          <button type="button" className="btn small primary" disabled={result.fetching} onClick={() => give(true)}>
            {t('ind.support')}
          </button>
          <button type="button" className="btn small" disabled={result.fetching} onClick={() => give(false)}>
            {t('ind.oppose')}
          </button>
          {missing ? <div className="state state-error field-error" role="alert">{t('ind.needOpinion')}</div> : null}
          <ErrorBox error={result.error} />
        </div>
      ) : null}
    </div>
  );
}
