import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, Cite, ErrorBox, ListState, Section } from '../components/ui';
import { formatDate, todayInChina } from '../lib/format';
import type { MessageKey } from '../lib/i18n';
import { newPersonsDraft, PERSON_ROLES, personsInput, personsRequired, proposedPersons, type PersonRole, type PersonsDraft, type PersonsProblem } from '../lib/persons';
import { COMPANY_PERSONS, PROPOSE_PERSONS } from '../party-queries';

/**
 * The company's own persons (法定代表人, executives, controllers) that its jurisdiction's integrity checks look up at
 * application and signing (JL §三(二); TZ Art 12(3)): what is on record, what is pending, the checks' result in words,
 * and the proposal form (an official of the jurisdiction accepts it against the document).
 */
export function CompanyPersons({ org, jurisdiction }: { org: string; jurisdiction: string }) {
  const { t, e, lang } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: COMPANY_PERSONS, variables: { org, jurisdiction } });
  const [sent, setSent] = useState(false);
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const persons = data?.organization?.persons ?? [];
  const pending = data?.organizationChangeProposals.edges.map((x) => x.node).filter((p) => proposedPersons(p.changes).length) ?? [];
  const setting = data?.policyProfile.settings.find((x) => x.name === 'integrityChecks');
  const { required, missing } = personsRequired(setting?.value, persons);
  return (
    <Section title={t('persons.title')} id="persons">
      <ListState fetching={fetching} error={error} empty={!data} onRetry={retry}>
        {required.length ? (
          <div className={`state ${missing.length ? 'state-error' : 'state-ok'} integrity`} data-passed={!missing.length}>
            {missing.length ? '✗' : '✓'} {t(missing.length ? 'persons.missing' : 'persons.onRecord', { roles: required.map((r) => e(r)).join(lang === 'zh' ? '、' : ', ') })}{' '}
            <small className="muted">
              <Cite source={setting?.source} />
            </small>
            {missing.length ? <div className="next">{t('persons.recordHint')}</div> : null}
          </div>
        ) : null}
        {persons.length ? (
          <table className="table persons">
            <thead>
              <tr>
                <th>{t('persons.role')}</th>
                <th>{t('persons.name')}</th>
                <th>{t('persons.document')}</th>
              </tr>
            </thead>
            <tbody>
              {persons.map((p) => (
                <tr key={p.id} data-role={p.role}>
                  <td>{e(p.role)}</td>
                  <td>{p.name}</td>
                  <td>
                    {p.documentRef} · {formatDate(p.documentDate, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted" data-empty="persons">{t('persons.none')}</p>
        )}
        {pending.map((p) => (
          <div key={p.id} className="state state-info pending-proposal" data-proposal={p.id}>
            <Badge value={p.status} /> {t('persons.pending', { d: formatDate(p.proposedAt, lang) })}:{' '}
            {proposedPersons(p.changes).map((x) => `${e(x.role)} ${x.name}`).join('；')} · {p.evidence.documentRef}
          </div>
        ))}
        {sent ? <div className="state state-ok" role="status">{t('persons.sent')}</div> : null}
        {!pending.length ? <PersonsForm org={org} onSent={() => { setSent(true); retry(); }} /> : null}
      </ListState>
    </Section>
  );
}

function PersonsForm({ org, onSent }: { org: string; onSent: () => void }) {
  const { t, e } = useApp();
  const today = todayInChina();
  const [draft, setDraft] = useState<PersonsDraft>(() => newPersonsDraft(today));
  const [problem, setProblem] = useState<{ problem: PersonsProblem; index?: number } | null>(null);
  const [result, propose] = useMutation(PROPOSE_PERSONS);
  const setPerson = (i: number, patch: Partial<PersonsDraft['persons'][number]>) => setDraft((d) => ({ ...d, persons: d.persons.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = personsInput(org, draft, today);
    setProblem('problem' in checked ? checked : null);
    if ('problem' in checked) return;
    const r = await propose({ input: checked.input });
    if (!r.error) {
      setDraft(newPersonsDraft(today));
      onSent();
    }
  };
  return (
    <form className="form persons-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('persons.propose')} noValidate>
      <p className="muted">{t('persons.formHint')}</p>
      {draft.persons.map((p, i) => (
        <div className="row person-row" key={i} data-row={i}>
          <label>
            {t('persons.role')}
            <select name={`role:${i}`} value={p.role} onChange={(ev) => setPerson(i, { role: ev.target.value as PersonRole })}>
              {PERSON_ROLES.map((r) => (
                <option key={r} value={r}>
                  {e(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('persons.name')}
            <input name={`name:${i}`} value={p.name} onChange={(ev) => setPerson(i, { name: ev.target.value })} aria-invalid={problem?.index === i && problem.problem === 'name' ? true : undefined} />
          </label>
          <label>
            {t('persons.identifier')}
            <input name={`identifier:${i}`} value={p.identifier} autoComplete="off" maxLength={18} onChange={(ev) => setPerson(i, { identifier: ev.target.value })} aria-invalid={problem?.index === i && problem.problem !== 'name' ? true : undefined} />
          </label>
          {i > 0 ? (
            <button type="button" className="btn small" onClick={() => setDraft((d) => ({ ...d, persons: d.persons.filter((_, j) => j !== i) }))}>
              {t('persons.remove')}
            </button>
          ) : null}
        </div>
      ))}
      <div>
        <button type="button" className="btn small" onClick={() => setDraft((d) => ({ ...d, persons: [...d.persons, { role: 'EXECUTIVE', name: '', identifier: '' }] }))}>
          {t('persons.add')}
        </button>
      </div>
      <div className="row">
        <label>
          {t('persons.documentRef')}
          <input name="documentRef" value={draft.documentRef} onChange={(ev) => setDraft((d) => ({ ...d, documentRef: ev.target.value }))} aria-invalid={problem?.problem === 'documentRef' ? true : undefined} />
        </label>
        <label>
          {t('persons.documentDate')}
          <input name="documentDate" type="date" max={today} value={draft.documentDate} onChange={(ev) => setDraft((d) => ({ ...d, documentDate: ev.target.value }))} aria-invalid={problem?.problem === 'documentDate' ? true : undefined} />
        </label>
      </div>
      {problem ? (
        <div className="state state-error field-error" role="alert" data-problem={problem.problem}>
          {problem.index !== undefined ? t('persons.row', { n: problem.index + 1 }) : null}
          {t(`persons.err.${problem.problem}` as MessageKey)}
        </div>
      ) : null}
      <ErrorBox error={result.error} />
      <button className="btn primary" type="submit" disabled={result.fetching}>
        {t('persons.propose')}
      </button>
    </form>
  );
}
