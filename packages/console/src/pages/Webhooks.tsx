import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, ErrorBox, ListState, Pager, Section, usePager } from '../components/ui';
import { formatDateTime } from '../lib/format';
import type { MessageKey } from '../lib/i18n';
import { CREATE_WEBHOOK_ENDPOINT, MY_WEBHOOK_ENDPOINTS, ROTATE_WEBHOOK_SECRET, SEND_TEST_WEBHOOK, UPDATE_WEBHOOK_ENDPOINT, WEBHOOK_DELIVERIES } from '../webhook-queries';
import type { WebhookEventType } from '../gql/graphql';

const TYPES: Array<{ value: WebhookEventType; label: MessageKey }> = [
  { value: 'ENTITLEMENT_EXPIRING', label: 'wh.type.expiring' },
  { value: 'QUOTA_THRESHOLD', label: 'wh.type.quota' },
  { value: 'PRODUCT_VERSION_PUBLISHED', label: 'wh.type.published' },
  { value: 'PRODUCT_VERSION_WITHDRAWN', label: 'wh.type.withdrawn' },
  { value: 'USAGE_AGREEMENT_SUSPENDED', label: 'wh.type.suspended' },
];
/** The dotted event names of the delivery log, in the user's words. */
const WIRE_LABELS: Record<string, MessageKey> = {
  'entitlement.expiring': 'wh.type.expiring',
  'quota.threshold': 'wh.type.quota',
  'product.version.published': 'wh.type.published',
  'product.version.withdrawn': 'wh.type.withdrawn',
  'usage_agreement.suspended': 'wh.type.suspended',
  'webhook.test': 'wh.type.test',
};

/**
 * The developer's webhook endpoints (docs/operating-domain/webhooks.md): register one (its signing
 * secret is shown once), rotate the secret, disable or enable, send a test event, read the delivery log.
 */
export function DeveloperWebhooks() {
  const { t, lang } = useApp();
  const [endpoints, refetch] = useQuery({ query: MY_WEBHOOK_ENDPOINTS, variables: { first: 50 } });
  const [created, create] = useMutation(CREATE_WEBHOOK_ENDPOINT);
  const [rotated, rotate] = useMutation(ROTATE_WEBHOOK_SECRET);
  const [updated, update] = useMutation(UPDATE_WEBHOOK_ENDPOINT);
  const [tested, test] = useMutation(SEND_TEST_WEBHOOK);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(TYPES.map((x) => x.value));
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const pager = usePager();
  const list = endpoints.data?.webhookEndpoints.edges.map((e) => e.node) ?? [];
  const endpointId = selected ?? list[0]?.id ?? null;
  const [log, refetchLog] = useQuery({ query: WEBHOOK_DELIVERIES, variables: { endpointId: endpointId ?? '', first: 20, after: pager.after }, pause: !endpointId });
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchLog({ requestPolicy: 'network-only' });
  };
  const issued = async (p: Promise<{ data?: { createWebhookEndpoint?: { secret: string } ; rotateWebhookSecret?: { secret: string } } | null }>) => {
    const r = await p;
    setSecret(r.data?.createWebhookEndpoint?.secret ?? r.data?.rotateWebhookSecret?.secret ?? null);
    refresh();
  };
  return (
    <>
      <Section title={t('wh.title')}>
        <p className="muted">{t('wh.intro')}</p>
        <div className="form-row">
          <label>
            {t('wh.url')} <input value={url} maxLength={2000} onChange={(ev) => setUrl(ev.target.value)} />
          </label>{' '}
          <label>
            {t('wh.description')} <input value={description} maxLength={200} onChange={(ev) => setDescription(ev.target.value)} />
          </label>
        </div>
        <div className="form-row">
          {TYPES.map((x) => (
            <label key={x.value}>
              <input type="checkbox" checked={types.includes(x.value)} onChange={(ev) => setTypes(ev.target.checked ? [...types, x.value] : types.filter((v) => v !== x.value))} /> {t(x.label)}
            </label>
          ))}{' '}
          <button type="button" className="btn small primary" disabled={created.fetching || !url.trim() || types.length === 0} onClick={() => void issued(create({ input: { url: url.trim(), eventTypes: types, description: description.trim() || null } }))}>
            {t('wh.register')}
          </button>
        </div>
        <ErrorBox error={created.error ?? rotated.error ?? updated.error ?? tested.error} />
        {secret ? (
          <div className="state state-info" role="status">
            <strong>{t('wh.secretOnce')}</strong>
            <pre className="secret">
              <code>{secret}</code>
            </pre>
            <button type="button" className="btn small" onClick={() => setSecret(null)}>
              {t('dp.saved')}
            </button>
          </div>
        ) : null}
        <ListState fetching={endpoints.fetching} error={endpoints.error} empty={list.length === 0} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('wh.url')}</th>
                <th>{t('wh.events')}</th>
                <th>{t('common.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} className={e.id === endpointId ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(e.id)}>
                      {e.description || t('wh.endpoint')}
                    </button>
                    <div className="muted">
                      <code>{e.url}</code>
                    </div>
                  </td>
                  <td>{e.eventTypes.map((v) => t(TYPES.find((x) => x.value === v)?.label ?? 'wh.type.test')).join('、')}</td>
                  <td>
                    <Badge value={e.status} />
                  </td>
                  <td>
                    <button type="button" className="btn small" disabled={tested.fetching || e.status !== 'ACTIVE'} onClick={() => void test({ input: { id: e.id } }).then(refresh)}>
                      {t('wh.sendTest')}
                    </button>{' '}
                    <button type="button" className="btn small" disabled={rotated.fetching} onClick={() => void issued(rotate({ input: { id: e.id } }))}>
                      {t('wh.rotate')}
                    </button>{' '}
                    <button type="button" className="btn small" disabled={updated.fetching} onClick={() => void update({ input: { id: e.id, enabled: e.status !== 'ACTIVE' } }).then(refresh)}>
                      {e.status === 'ACTIVE' ? t('wh.disable') : t('wh.enable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {endpointId ? (
        <Section title={t('wh.log')}>
          <ListState fetching={log.fetching} error={log.error} empty={!log.data?.webhookDeliveries.edges.length} onRetry={() => refetchLog({ requestPolicy: 'network-only' })}>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('mine.when')}</th>
                  <th>{t('wh.event')}</th>
                  <th>{t('common.status')}</th>
                  <th className="num">{t('wh.attempts')}</th>
                  <th>{t('wh.response')}</th>
                  <th>{t('wh.next')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data?.webhookDeliveries.edges.map(({ node: d }) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt, lang)}</td>
                    <td>{t(WIRE_LABELS[d.eventType] ?? 'wh.type.test')}</td>
                    <td>
                      <Badge value={d.status} tone={d.status === 'DELIVERED' ? 'ok' : d.status === 'FAILED' ? 'bad' : 'warn'} />
                    </td>
                    <td className="num">{d.attempts}</td>
                    <td>{d.lastResponseCode ?? (d.lastError ? t('wh.noAnswer') : '—')}</td>
                    <td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, lang) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} pageInfo={log.data?.webhookDeliveries.pageInfo} totalCount={log.data?.webhookDeliveries.totalCount} />
          </ListState>
        </Section>
      ) : null}
    </>
  );
}
