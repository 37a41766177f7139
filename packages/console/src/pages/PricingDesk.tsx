import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Cite, ErrorBox, ListState, NeedSignIn, Section } from '../components/ui';
import { inLang } from '../lib/errors';
import { formatDate, formatYuan, todayInChina } from '../lib/format';
import type { MessageKey } from '../lib/i18n';
import { bondYieldInput, COST_ITEMS, costSurveyInput, newCostSurveyDraft, type BondYieldProblem, type CostSurveyDraft, type CostSurveyProblem } from '../lib/pricing';
import { LOAD_BOND_YIELD, PRICING_DESK, RECORD_COST_SURVEY } from '../role-queries';

/**
 * The pricing authority (价格主管部门) sets the operators' maximum permitted revenue with the data authority and
 * designates the bond yield it rests on, where its jurisdiction's profile gives it that part (`pricingAuthority`;
 * PN §2(1), §3(1)).
 */
export function PricingDesk() {
  const { t, lang, claims } = useApp();
  const jurisdiction = claims?.jurisdiction ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: PRICING_DESK, variables: { jurisdiction, first: 50 }, pause: !claims?.jurisdiction });
  if (!claims) return <NeedSignIn />;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const part = data?.policyProfile.settings.find((s) => s.name === 'pricingAuthority');
  return (
    <div className="desk">
      <h1>{t('nav.pricing')}</h1>
      {part ? (
        <p className="muted">
          {t('price.part')} <Cite source={part.source} />
        </p>
      ) : null}
      <Section title={t('price.yields')} id="yields">
        <ListState fetching={fetching} error={error} empty={!data?.bondYields.length} onRetry={retry}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('price.year')}</th>
                <th className="num">{t('price.yield')}</th>
                <th>{t('price.source')}</th>
                <th>{t('price.loadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.bondYields.map((y) => (
                <tr key={y.id} data-year={y.year}>
                  <td>
                    {y.year} <small className="muted">{t('common.version', { n: y.version })}</small>
                  </td>
                  <td className="num">{y.yieldPercent}%</td>
                  <td>
                    {inLang(y.sourceDocument, lang)}
                    {y.illustrative ? <small className="muted"> · {t('price.illustrative')}</small> : null}
                  </td>
                  <td>{formatDate(y.loadedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
        <BondYieldForm onDone={retry} />
      </Section>
      <Section title={t('price.surveys')} id="surveys">
        <ListState fetching={fetching} error={error} empty={!data?.costSurveys.edges.length} onRetry={retry}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('product.operator')}</th>
                <th>{t('common.period')}</th>
                <th className="num">{t('price.markup')}</th>
                <th className="num">{t('price.mar')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.costSurveys.edges.map(({ node: s }) => (
                <tr key={s.id} data-survey={s.id}>
                  <td>{s.name}</td>
                  <td>{s.operator.name}</td>
                  <td>
                    {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}
                  </td>
                  <td className="num">{s.markupPp}</td>
                  <td className="num">{formatYuan(s.effectiveMar, { lang })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
        <CostSurveyForm operators={data?.organizations.edges.map((x) => x.node) ?? []} onDone={retry} />
      </Section>
    </div>
  );
}

function BondYieldForm({ onDone }: { onDone: () => void }) {
  const { t } = useApp();
  const year = Number(todayInChina().slice(0, 4));
  const [draft, setDraft] = useState({ year: String(year - 1), yieldPercent: '', sourceDocument: '' });
  const [problem, setProblem] = useState<BondYieldProblem | null>(null);
  const [result, load] = useMutation(LOAD_BOND_YIELD);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = bondYieldInput(draft, year);
    setProblem('problem' in checked ? checked.problem : null);
    if ('problem' in checked) return;
    const r = await load({ input: checked.input });
    if (!r.error) onDone();
  };
  return (
    <form className="form yield-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('price.loadYield')} noValidate>
      <div className="row">
        <label>
          {t('price.year')}
          <input name="year" inputMode="numeric" value={draft.year} onChange={(ev) => setDraft((d) => ({ ...d, year: ev.target.value }))} />
        </label>
        <label>
          {t('price.yield')}
          <input name="yieldPercent" inputMode="decimal" value={draft.yieldPercent} onChange={(ev) => setDraft((d) => ({ ...d, yieldPercent: ev.target.value }))} />
        </label>
      </div>
      <label>
        {t('price.source')}
        <input name="sourceDocument" value={draft.sourceDocument} onChange={(ev) => setDraft((d) => ({ ...d, sourceDocument: ev.target.value }))} />
      </label>
      {problem ? <div className="state state-error field-error" role="alert" data-problem={problem}>{t(`price.err.${problem}` as MessageKey)}</div> : null}
      <ErrorBox error={result.error} />
      {result.data && !result.error ? <div className="state state-ok" role="status">{t('price.yieldLoaded', { year: result.data.loadBondYield.year, v: result.data.loadBondYield.version })}</div> : null}
      <button className="btn primary" type="submit" disabled={result.fetching}>
        {t('price.loadYield')}
      </button>
    </form>
  );
}

function CostSurveyForm({ operators, onDone }: { operators: { id: string; name: string }[]; onDone: () => void }) {
  const { t, lang } = useApp();
  const year = Number(todayInChina().slice(0, 4));
  const [draft, setDraft] = useState<CostSurveyDraft>(() => newCostSurveyDraft(year));
  const [problem, setProblem] = useState<CostSurveyProblem | null>(null);
  const [result, record] = useMutation(RECORD_COST_SURVEY);
  const set = (k: keyof Omit<CostSurveyDraft, 'costItems'>) => (ev: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: ev.target.value }));
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = costSurveyInput(draft);
    setProblem('problem' in checked ? checked.problem : null);
    if ('problem' in checked) return;
    const r = await record({ input: checked.input });
    if (!r.error) onDone();
  };
  return (
    <form className="form survey-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('price.recordSurvey')} noValidate>
      <h3>{t('price.recordSurvey')}</h3>
      <div className="row">
        <label>
          {t('product.operator')}
          <select name="operatorId" value={draft.operatorId} onChange={set('operatorId')}>
            <option value="">—</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.name')}
          <input name="name" value={draft.name} onChange={set('name')} />
        </label>
      </div>
      <div className="row">
        <label>
          {t('price.surveyYear')}
          <input name="surveyYear" inputMode="numeric" value={draft.surveyYear} onChange={set('surveyYear')} />
        </label>
        <label>
          {t('price.periodStart')}
          <input name="periodStart" type="date" value={draft.periodStart} onChange={set('periodStart')} />
        </label>
        <label>
          {t('price.periodEnd')}
          <input name="periodEnd" type="date" value={draft.periodEnd} onChange={set('periodEnd')} />
        </label>
      </div>
      <div className="row">
        {COST_ITEMS.map((k) => (
          <label key={k}>
            {t(`price.cost.${k}` as MessageKey)}
            <input name={`cost:${k}`} inputMode="decimal" value={draft.costItems[k]} onChange={(ev) => setDraft((d) => ({ ...d, costItems: { ...d.costItems, [k]: ev.target.value } }))} />
          </label>
        ))}
      </div>
      <div className="row">
        <label>
          {t('price.subsidies')}
          <input name="subsidies" inputMode="decimal" value={draft.subsidies} onChange={set('subsidies')} />
        </label>
        <label>
          {t('price.taxes')}
          <input name="taxes" inputMode="decimal" value={draft.taxes} onChange={set('taxes')} />
        </label>
        <label>
          {t('price.markup')}
          <input name="markupPp" inputMode="decimal" value={draft.markupPp} onChange={set('markupPp')} />
        </label>
      </div>
      {problem ? <div className="state state-error field-error" role="alert" data-problem={problem}>{t(`price.err.${problem}` as MessageKey)}</div> : null}
      <ErrorBox error={result.error} />
      {result.data && !result.error ? <div className="state state-ok" role="status">{t('price.surveyRecorded', { mar: formatYuan(result.data.recordCostSurvey.mar, { lang }) })}</div> : null}
      <button className="btn primary" type="submit" disabled={result.fetching}>
        {t('price.recordSurvey')}
      </button>
    </form>
  );
}
