import { useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, Cite, Due, ListState, Section } from '../components/ui';
import { formatDate } from '../lib/format';
import { SECURITY_DUTIES } from '../security-queries';

/**
 * Security duties on a desk (docs/policy/security-duties.md): what is overdue, the emergency plans with their drills,
 * third-party assessments and formal talks. The regulator sees its jurisdiction's; an operator (`org`) its own — the
 * API narrows it either way.
 */
export function SecurityDutiesView({ jurisdiction, org }: { jurisdiction: string; org?: string | null }) {
  const { t, e, lang } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SECURITY_DUTIES, variables: { jurisdiction, org: org ?? null, first: 50 } });
  const state = { fetching, error, onRetry: () => refetch({ requestPolicy: 'network-only' }) };
  const due = data?.securityDutiesDue.edges ?? [];
  const plans = data?.emergencyPlans.edges ?? [];
  const assessments = data?.securityAssessments.edges ?? [];
  const talks = data?.formalTalks.edges ?? [];
  return (
    <>
      <Section title={t('sec.due')} id="q-security">
        <ListState {...state} empty={!due.length} emptyText={t('sec.noneDue')}>
          <table className="table">
            <thead><tr><th>{t('sec.kind')}</th><th>{t('sec.org')}</th><th>{t('common.dueOn')}</th><th>{t('sec.rule')}</th></tr></thead>
            <tbody>
              {due.map(({ node }) => (
                <tr key={`${node.kind}:${node.subjectId}`}>
                  <td><Badge value={node.kind} tone="bad" /></td>
                  <td>{node.organization.name}</td>
                  <td><Due on={node.dueOn} overdue /></td>
                  <td><Cite source={node.rule} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('sec.plans')}>
        <ListState {...state} empty={!plans.length}>
          <table className="table">
            <thead><tr><th>{t('common.name')}</th><th>{t('sec.holder')}</th><th>{t('sec.version')}</th><th>{t('sec.lastDrill')}</th><th>{t('sec.nextDrill')}</th></tr></thead>
            <tbody>
              {plans.map(({ node }) => {
                const last = node.drills.at(-1);
                return (
                  <tr key={node.id}>
                    <td>{node.title}</td>
                    <td>{node.holder.name} <Badge value={node.holderKind} tone="info" /></td>
                    <td>v{node.currentVersion}</td>
                    <td>{last ? `${formatDate(last.heldOn, lang)} · ${last.findings}` : '—'}</td>
                    <td><Due on={node.nextDrillDueOn} overdue={node.drillOverdue} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('sec.assessments')}>
        <ListState {...state} empty={!assessments.length}>
          <table className="table">
            <thead><tr><th>{t('sec.org')}</th><th>{t('sec.assessor')}</th><th>{t('common.status')}</th><th>{t('sec.risk')}</th><th>{t('sec.reportDue')}</th><th>{t('sec.followUp')}</th></tr></thead>
            <tbody>
              {assessments.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.operator.name}</td>
                  <td>{node.assessor}</td>
                  <td><Badge value={node.status} /></td>
                  <td>{node.riskLevel ? e(node.riskLevel) : '—'}</td>
                  <td>{formatDate(node.reportDueOn, lang)}</td>
                  <td>{node.followUpDueOn ? formatDate(node.followUpDueOn, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('sec.talks')}>
        <ListState {...state} empty={!talks.length}>
          <table className="table">
            <thead><tr><th>{t('sec.org')}</th><th>{t('sec.heldOn')}</th><th>{t('sec.talkedWith')}</th><th>{t('sec.kind')}</th><th>{t('sec.outcome')}</th><th>{t('sec.rule')}</th></tr></thead>
            <tbody>
              {talks.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.operator.name}</td>
                  <td>{formatDate(node.heldOn, lang)}</td>
                  <td>{node.talkedWith}</td>
                  <td>{e(node.ground)}</td>
                  <td>{node.outcome}</td>
                  <td><Cite source={node.basis} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
    </>
  );
}
