import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, ErrorBox, ListState, Pager, Section, usePager } from '../components/ui';
import { formatDateTime, formatNumber } from '../lib/format';
import { useUsageFeed } from '../lib/usage-feed';
import { CALL_LOG, CREATE_API_KEY, DATA_PLANE_QUOTA, MY_API_KEYS, REVOKE_API_KEY, ROTATE_API_KEY } from '../queries';

export interface SignedAgreement {
  id: string;
  status: string;
  product: { id: string; code: string; name: string } | null;
}

interface KeyData {
  apiCredentials: { totalCount: number; edges: Array<{ node: { id: string; keyPrefix: string; label: string; usageAgreementId: string; productId: string; status: string; expired: boolean; expiresAt: string; createdAt: string; revokedAt: string | null } }> };
}
interface CallData {
  callLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; productId: string; productVersion: number | null; outcome: string; httpStatus: number; rowsRead: number; rowsReturned: number; durationMs: string; metered: boolean; calledAt: string } }> };
}
interface QuotaData {
  dataPlaneQuota: { quotaUnits: string | null; usedUnits: string; remainingUnits: string | null; entitlementStatus: string; endDate: string } | null;
}

/**
 * The developer's data plane (docs/operating-domain/data-plane.md): API keys per signed usage
 * agreement (the key is shown once, when made or rotated), a try-it panel that calls
 * POST /v1/products/{code}/invoke with a key, the call log and the platform-metered quota.
 */
export function DeveloperDataPlane({ agreements }: { agreements: SignedAgreement[] }) {
  const { t, lang } = useApp();
  const signed = agreements.filter((a) => a.status === 'SIGNED' && a.product);
  const [selected, setSelected] = useState<string>('');
  const agreementId = selected || signed[0]?.id || '';
  const agreement = signed.find((a) => a.id === agreementId);
  const [keys, refetchKeys] = useQuery<KeyData>({ query: MY_API_KEYS, variables: { first: 100 } });
  const [created, create] = useMutation(CREATE_API_KEY);
  const [rotated, rotate] = useMutation(ROTATE_API_KEY);
  const [revoked, revoke] = useMutation(REVOKE_API_KEY);
  const [shown, setShown] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const pager = usePager();
  const [calls, refetchCalls] = useQuery<CallData>({ query: CALL_LOG, variables: { usageAgreementId: agreementId || null, first: 20, after: pager.after }, pause: !agreementId });
  const [quota, refetchQuota] = useQuery<QuotaData>({ query: DATA_PLANE_QUOTA, variables: { usageAgreementId: agreementId }, pause: !agreementId });
  const [apiKey, setApiKey] = useState('');
  const [params, setParams] = useState('{}');
  const [answer, setAnswer] = useState<{ status: number; body: string } | null>(null);
  const names = new Map(signed.map((a) => [a.product!.id, a.product!.name]));
  const refresh = () => {
    refetchKeys({ requestPolicy: 'network-only' });
    refetchCalls({ requestPolicy: 'network-only' });
    refetchQuota({ requestPolicy: 'network-only' });
  };
  const issued = async (p: Promise<{ data?: { createApiCredential?: { apiKey: string }; rotateApiCredential?: { apiKey: string } } }>) => {
    const r = await p;
    const key = r.data?.createApiCredential?.apiKey ?? r.data?.rotateApiCredential?.apiKey ?? null;
    setShown(key);
    if (key) setApiKey(key);
    refresh();
  };
  const tryIt = async () => {
    if (!agreement?.product) return;
    const res = await fetch(`/v1/products/${encodeURIComponent(agreement.product.code)}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey.trim() }, body: params });
    setAnswer({ status: res.status, body: JSON.stringify(await res.json().catch(() => null), null, 2) });
    refresh();
  };
  // The live usage feed (docs/live-feeds.md), on request: a call of this agreement refreshes its quota and
  // log at once. Off by default: an open stream keeps a connection busy for as long as the page is open.
  const { token } = useApp();
  const [live, setLive] = useState(false);
  useUsageFeed(live ? token : null, (ev) => {
    if (ev.usageAgreementId === agreementId) {
      refetchQuota({ requestPolicy: 'network-only' });
      refetchCalls({ requestPolicy: 'network-only' });
    }
  });
  const q = quota.data?.dataPlaneQuota;
  return (
    <>
      <Section title={t('dp.keys')}>
        {signed.length === 0 ? <p className="muted">{t('dp.noSigned')}</p> : null}
        {signed.length > 0 ? (
          <div className="form-row">
            <label>
              {t('dp.agreement')}{' '}
              <select value={agreementId} onChange={(ev) => setSelected(ev.target.value)}>
                {signed.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.product!.name}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t('dp.label')} <input value={label} maxLength={60} placeholder={t('dp.labelHint')} onChange={(ev) => setLabel(ev.target.value)} />
            </label>{' '}
            <button type="button" className="btn small primary" disabled={created.fetching || !agreementId} onClick={() => void issued(create({ input: { usageAgreementId: agreementId, label: label.trim() || null } }))}>
              {t('dp.create')}
            </button>
          </div>
        ) : null}
        <ErrorBox error={created.error ?? rotated.error ?? revoked.error} />
        {shown ? (
          <div className="state state-info" role="status">
            <strong>{t('dp.shownOnce')}</strong>
            <pre className="secret">
              <code>{shown}</code>
            </pre>
            <button type="button" className="btn small" onClick={() => setShown(null)}>
              {t('dp.saved')}
            </button>
          </div>
        ) : null}
        <ListState fetching={keys.fetching} error={keys.error} empty={!keys.data?.apiCredentials.edges.length} onRetry={() => refetchKeys({ requestPolicy: 'network-only' })}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('dp.prefix')}</th>
                <th>{t('dp.label')}</th>
                <th>{t('mine.product')}</th>
                <th>{t('dp.expires')}</th>
                <th>{t('common.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data?.apiCredentials.edges.map(({ node: k }) => (
                <tr key={k.id}>
                  <td>
                    <code>{k.keyPrefix}</code>
                  </td>
                  <td>{k.label}</td>
                  <td>{names.get(k.productId) ?? k.productId.slice(0, 8)}</td>
                  <td>{formatDateTime(k.expiresAt, lang)}</td>
                  <td>
                    <Badge value={k.expired && k.status === 'ACTIVE' ? 'EXPIRED' : k.status} />
                  </td>
                  <td>
                    {k.status === 'ACTIVE' && !k.expired ? (
                      <>
                        <button type="button" className="btn small" disabled={rotated.fetching} onClick={() => void issued(rotate({ input: { id: k.id } }))}>
                          {t('dp.rotate')}
                        </button>{' '}
                        <button type="button" className="btn small" disabled={revoked.fetching} onClick={() => void revoke({ input: { id: k.id, reason: null } }).then(refresh)}>
                          {t('dp.revoke')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {agreement ? (
        <Section
          title={t('dp.quota')}
          actions={
            <button type="button" className="btn small" aria-pressed={live} onClick={() => setLive(!live)}>
              {live ? t('dp.liveStop') : t('dp.live')}
            </button>
          }
        >
          <ListState fetching={quota.fetching} error={quota.error} empty={!q}>
            {q ? (
              <p>
                {t('dp.quotaLine', { used: formatNumber(q.usedUnits, lang), quota: q.quotaUnits === null ? t('dp.unlimited') : formatNumber(q.quotaUnits, lang), left: q.remainingUnits === null ? t('dp.unlimited') : formatNumber(q.remainingUnits, lang) })} <Badge value={q.entitlementStatus} />
              </p>
            ) : null}
          </ListState>
        </Section>
      ) : null}
      {agreement?.product ? (
        <Section title={t('dp.tryIt', { name: lang === 'en' ? agreement.product.code : agreement.product.name })}>
          <p className="muted">
            <code>POST /v1/products/{agreement.product.code}/invoke</code>
          </p>
          <div className="form-row">
            <label>
              {t('dp.key')} <input type="password" value={apiKey} autoComplete="off" onChange={(ev) => setApiKey(ev.target.value)} />
            </label>
          </div>
          <label className="block">
            {t('dp.params')}
            <textarea rows={4} value={params} onChange={(ev) => setParams(ev.target.value)} />
          </label>
          <button type="button" className="btn small primary" disabled={!apiKey.trim()} onClick={() => void tryIt()}>
            {t('dp.send')}
          </button>
          {answer ? (
            <div className={`state ${answer.status === 200 ? 'state-info' : 'state-error'}`}>
              <strong>{t('dp.status', { s: String(answer.status) })}</strong>
              <pre>
                <code>{answer.body}</code>
              </pre>
            </div>
          ) : null}
        </Section>
      ) : null}
      {agreement ? (
        <Section title={t('dp.calls')}>
          <ListState fetching={calls.fetching} error={calls.error} empty={!calls.data?.callLog.edges.length} onRetry={() => refetchCalls({ requestPolicy: 'network-only' })}>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('mine.when')}</th>
                  <th>{t('dp.outcome')}</th>
                  <th className="num">{t('dp.rowsReturned')}</th>
                  <th className="num">{t('dp.duration')}</th>
                  <th>{t('dp.metered')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.data?.callLog.edges.map(({ node: c }) => (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.calledAt, lang)}</td>
                    <td>
                      <Badge value={c.outcome} tone={c.outcome === 'OK' ? 'ok' : c.outcome === 'REPLAYED' ? 'info' : 'bad'} />
                    </td>
                    <td className="num">{formatNumber(String(c.rowsReturned), lang)}</td>
                    <td className="num">{c.durationMs}</td>
                    <td>{c.metered ? t('dp.yes') : t('dp.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} pageInfo={calls.data?.callLog.pageInfo} totalCount={calls.data?.callLog.totalCount} />
          </ListState>
        </Section>
      ) : null}
    </>
  );
}
