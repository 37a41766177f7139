import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useApp } from '../app-context';
import { ErrorBox } from '../components/ui';
import { DOCUMENT_KINDS, documentsInput, hex, refusalOf, type DocumentDraft, type Refusal } from '../lib/applying';
import { SUPPLEMENT_OPERATOR_APPLICATION } from '../apply-queries';
import { FilePick, RefusalNote } from './ApplicationForm';

/** Supplies what the pre-check asked for (补正): a document of a known kind, filed by its SHA-256; it replaces one of that kind. */
export function SupplementForm({ id, onSent }: { id: string; onSent: () => void }) {
  const { t, e } = useApp();
  const [draft, setDraft] = useState<DocumentDraft>({ kind: DOCUMENT_KINDS[0], name: '', sha256: '' });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [result, supply] = useMutation(SUPPLEMENT_OPERATOR_APPLICATION);
  const choose = async (file: File | undefined) => {
    const sha256 = file ? hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())) : '';
    setDraft((d) => ({ ...d, name: file?.name ?? '', sha256 }));
    setRefusal(null);
  };
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const sent = documentsInput([draft]);
    const r = await supply({ id, documents: sent });
    setRefusal(refusalOf(r.error, sent));
    if (!r.error) onSent();
  };
  return (
    <form className="row supplement-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('opapp.supplementSend')} noValidate>
      <label>
        <span>{t('opapp.documentKind')}</span>
        <select name="kind" value={draft.kind} onChange={(ev) => setDraft({ kind: ev.target.value, name: '', sha256: '' })}>
          {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{e(k)}</option>)}
        </select>
      </label>
      <FilePick name="supplement" invalid={!!refusal} onFile={(f) => void choose(f)} />
      {draft.sha256 ? <small className="muted">{draft.name} · <code>{draft.sha256.slice(0, 16)}</code></small> : null}
      <button type="submit" className="btn small primary" disabled={result.fetching}>{t('opapp.supplementSend')}</button>
      {refusal ? <RefusalNote refusal={refusal} /> : <ErrorBox error={result.error} />}
    </form>
  );
}
