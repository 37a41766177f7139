import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, ErrorBox, Link, ListState, NeedSignIn, Pager, Section, usePager } from '../components/ui';
import { fenOf, formatDate, formatDateTime, formatNumber, formatYuan } from '../lib/format';
import { ACCEPT_AGREEMENT, MY_CHARGES, MY_USAGE } from '../queries';
import { CompanyPersons } from './CompanyPersons';
import { DeveloperDataPlane } from './DataPlane';
import { DeveloperWebhooks } from './Webhooks';


/** "My agreements, usage and charges" for a developer. */
export function Mine() {
  const { t, lang, claims } = useApp();
  const developerId = claims?.org ?? null;
  const [{ data, fetching, error }, refetch] = useQuery({ query: MY_USAGE, variables: { developerId, first: 50 }, pause: !claims });
  const [accepted, accept] = useMutation(ACCEPT_AGREEMENT);
  const pager = usePager();
  const [charges, refetchCharges] = useQuery({ query: MY_CHARGES, variables: { filter: { developerId }, first: 20, after: pager.after }, pause: !claims });
  if (!claims) return <NeedSignIn />;
  const names = new Map<string, string>();
  for (const { node } of data?.usageAgreements.edges ?? []) if (node.product) names.set(node.product.id, node.product.name);
  const pageTotal = (charges.data?.charges.edges ?? []).reduce((s, { node }) => s + fenOf(node.amount), 0n);
  return (
    <div className="desk">
      <h1>{t('nav.mine')}</h1>
      <Section title={t('mine.agreements')}>
        <ErrorBox error={accepted.error} />
        <ListState fetching={fetching} error={error} empty={!data?.usageAgreements.edges.length} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('mine.product')}</th>
                <th>{t('product.operator')}</th>
                <th>{t('mine.term')}</th>
                <th>{t('common.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data?.usageAgreements.edges.map(({ node: a }) => (
                <tr key={a.id}>
                  <td>{a.product ? <Link to={`/product/${a.product.id}`}>{a.product.name}</Link> : a.id}</td>
                  <td>{a.operator.name}</td>
                  <td>
                    {formatDate(a.startDate, lang)} – {formatDate(a.endDate, lang)}
                  </td>
                  <td>
                    <Badge value={a.status} />
                  </td>
                  <td>
                    {a.status === 'PENDING_ACCEPTANCE' && !a.developerAcceptedAt ? (
                      <button type="button" className="btn small primary" disabled={accepted.fetching} onClick={() => void accept({ id: a.id })}>
                        {t('mine.accept')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {claims.role === 'DEVELOPER' ? <DeveloperDataPlane agreements={data?.usageAgreements.edges.map((x) => x.node) ?? []} /> : null}
      {claims.role === 'DEVELOPER' ? <DeveloperWebhooks /> : null}
      <Section title={t('mine.applications')}>
        <ListState fetching={fetching} error={error} empty={!data?.usageApplications.edges.length}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('mine.product')}</th>
                <th>{t('apply.purpose')}</th>
                <th>{t('mine.when')}</th>
                <th>{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.usageApplications.edges.map(({ node: a }) => (
                <tr key={a.id}>
                  <td>{a.product ? <Link to={`/product/${a.product.id}`}>{a.product.name}</Link> : '—'}</td>
                  <td>
                    {a.purpose}
                    {a.decisionReasons.length ? <div className="muted">{a.decisionReasons.join('；')}</div> : null}
                  </td>
                  <td>{formatDateTime(a.createdAt, lang)}</td>
                  <td>
                    <Badge value={a.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('mine.charges')} actions={charges.data ? <span className="muted">{t('mine.totalCharges', { a: formatYuan({ fen: pageTotal.toString(), yuan: '' }, { lang }) })}</span> : null}>
        <ListState fetching={charges.fetching} error={charges.error} empty={!charges.data?.charges.edges.length} onRetry={() => refetchCharges({ requestPolicy: 'network-only' })}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('mine.when')}</th>
                <th>{t('mine.product')}</th>
                <th className="num">{t('mine.units')}</th>
                <th className="num">{t('mine.unitPrice')}</th>
                <th className="num">{t('common.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {charges.data?.charges.edges.map(({ node: c }) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.occurredAt, lang)}</td>
                  <td>{names.get(c.productId) ?? c.productId.slice(0, 8)}</td>
                  <td className="num">{formatNumber(c.units, lang)}</td>
                  <td className="num">{formatYuan(c.unitPrice, { lang })}</td>
                  <td className="num">{formatYuan(c.amount, { lang })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pager={pager} pageInfo={charges.data?.charges.pageInfo} totalCount={charges.data?.charges.totalCount} />
        </ListState>
      </Section>
      {claims.org && claims.jurisdiction ? <CompanyPersons org={claims.org} jurisdiction={claims.jurisdiction} /> : null}
    </div>
  );
}
