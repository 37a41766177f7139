import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { LineChart } from '../components/charts';
import { Badge, Cite, Due, ErrorBox, Link, ListState, Loading, Section } from '../components/ui';
import { formatDate, formatMonth, formatNumber, todayInChina, addMonths } from '../lib/format';
import { APPLY, PRODUCT } from '../queries';
import { priceText } from './Marketplace';


export function ProductPage({ id }: { id: string }) {
  const { t, e, lang, claims } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: PRODUCT, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <ErrorBox error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const p = data?.dataProduct;
  if (!p) return <div className="state state-empty">{t('product.notFound')} <Link to="/">{t('common.back')}</Link></div>;
  const usage = data?.productUsageByMonth ?? [];
  return (
    <div className="product-page">
      <p>
        <Link to="/">← {t('nav.market')}</Link>
      </p>
      <header className="product-header">
        <h1>{p.name}</h1>
        <div className="chips">
          <Badge value={p.listingStatus} />
          <span className="badge info">{e(p.form)}</span>
          <span className="badge">{e(p.category)}</span>
          <span className="badge">{e(p.jurisdiction)}</span>
        </div>
        <p className="desc">{p.description}</p>
        <dl className="facts">
          <dt>{t('product.code')}</dt>
          <dd>{p.code}</dd>
          <dt>{t('product.operator')}</dt>
          <dd>{lang === 'en' && p.operator.nameEn ? p.operator.nameEn : p.operator.name}</dd>
          <dt>{t('product.price')}</dt>
          <dd className="price">{priceText(lang, p.listingPrice, t)}</dd>
          <dt>{t('product.listing')}</dt>
          <dd>
            {e(p.listingStatus)} {p.listedAt ? `· ${t('product.listedAt', { d: formatDate(p.listedAt, lang) })}` : ''} {p.listingReason ? `· ${p.listingReason}` : ''}
          </dd>
        </dl>
      </header>
      <div className="grid2">
        <Section title={t('product.review')}>
          {p.review ? (
            <div>
              <Badge value={p.review.decision} /> {t('common.version', { n: p.review.version })} · {formatDate(p.review.reviewedAt, lang)}
              {p.review.reasons.length ? <ul>{p.review.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
              {p.review.legalBasis ? <p className="muted"><Cite source={p.review.legalBasis} /></p> : null}
            </div>
          ) : (
            <p className="muted">{t('product.noReview')}</p>
          )}
        </Section>
        <Section title={t('product.registration')}>
          {p.registration ? (
            <div>
              <Badge value={p.registration.state} /> {p.registration.registrationCode ? t('product.regCode', { c: p.registration.registrationCode }) : null}
              {p.registration.awaiting ? (
                <p>
                  {t('product.awaiting', { a: e(p.registration.awaiting) })} · <Due on={p.registration.dueOn} overdue={p.registration.overdue} />
                </p>
              ) : null}
              {p.registration.validUntil ? <p className="muted">{t('product.validUntil', { d: formatDate(p.registration.validUntil, lang) })}</p> : null}
            </div>
          ) : (
            <p className="muted">{t('product.noRegistration')}</p>
          )}
        </Section>
      </div>
      <Section title={t('product.usage')}>
        <p className="muted">
          {t('product.usageStats', { units: formatNumber(p.usageStats.totalUnits, lang), agreements: formatNumber(p.usageStats.activeAgreements, lang), devs: formatNumber(p.usageStats.developers, lang) })}
        </p>
        <ListState fetching={fetching} empty={!usage.length}>
          <LineChart
            title={t('product.usage')}
            points={usage.map((u) => ({ label: formatMonth(u.month, lang), value: Number(u.units), display: formatNumber(u.units, lang) }))}
          />
        </ListState>
      </Section>
      <Section title={t('product.resources')}>
        <ListState fetching={fetching} empty={!p.resources.length}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('facet.sector')}</th>
                <th>{t('facet.sourceAgency')}</th>
                <th className="num">{t('src.recordCount')}</th>
              </tr>
            </thead>
            <tbody>
              {p.resources.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.nameZh} <small className="muted"><code>{r.code}</code></small>
                  </td>
                  <td>{r.sectorNameZh}</td>
                  <td>{r.sourceAgency.name}</td>
                  <td className="num">{formatNumber(r.recordCount, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('apply.title')} id="apply">
        {claims?.role === 'DEVELOPER' ? <ApplyForm productId={p.id} /> : <p className="muted">{t('apply.signIn')} <Link to="/signin">{t('nav.signin')}</Link></p>}
      </Section>
    </div>
  );
}

function ApplyForm({ productId }: { productId: string }) {
  const { t } = useApp();
  const today = todayInChina();
  const [form, setForm] = useState({ purpose: '', scenario: '', scope: '', method: 'API', startDate: addMonths(today, 0), endDate: addMonths(today, 12), requestedQuota: '' });
  const [result, apply] = useMutation(APPLY);
  const set = (k: keyof typeof form) => (ev: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: ev.target.value }));
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    await apply({ input: { productId, ...form, requestedQuota: form.requestedQuota || null } });
  };
  const sent = result.data?.applyForProductUsage;
  if (sent) return <div className="state state-ok" role="status">{t('apply.sent', { id: sent.id.slice(0, 8) })} <Link to="/mine">{t('nav.mine')}</Link></div>;
  return (
    <form className="form" onSubmit={onSubmit} aria-label={t('apply.title')}>
      <label>
        {t('apply.purpose')}
        <textarea name="purpose" required value={form.purpose} onChange={set('purpose')} />
      </label>
      <label>
        {t('apply.scenario')}
        <input name="scenario" required value={form.scenario} onChange={set('scenario')} />
      </label>
      <label>
        {t('apply.scope')}
        <input name="scope" required value={form.scope} onChange={set('scope')} />
      </label>
      <label>
        {t('apply.method')}
        <input name="method" required value={form.method} onChange={set('method')} />
      </label>
      <div className="row">
        <label>
          {t('apply.start')}
          <input name="startDate" type="date" required value={form.startDate} onChange={set('startDate')} />
        </label>
        <label>
          {t('apply.end')}
          <input name="endDate" type="date" required value={form.endDate} onChange={set('endDate')} />
        </label>
        <label>
          {t('apply.quota')}
          <input name="requestedQuota" inputMode="numeric" value={form.requestedQuota} onChange={set('requestedQuota')} />
        </label>
      </div>
      <ErrorBox error={result.error} />
      <button className="btn primary" type="submit" disabled={result.fetching}>
        {result.fetching ? t('common.loading') : t('common.submit')}
      </button>
    </form>
  );
}

