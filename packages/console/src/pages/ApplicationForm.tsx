import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useApp } from '../app-context';
import { Cite, ErrorBox } from '../components/ui';
import { localiseCodes } from '../lib/errors';
import { articleOf, documentsInput, hex, refusalOf, type DocumentDraft, type Refusal } from '../lib/applying';
import { SUBMIT_OPERATOR_APPLICATION } from '../apply-queries';

/**
 * The application to one call: a file for each document the jurisdiction's profile demands (only those; where it
 * demands none, none is asked), filed by its SHA-256. A refusal is shown next to the document it names, in both
 * languages with its rule.
 */
export function ApplicationForm({ callId, documents, eligible, onSubmitted, onCancel }: {
  callId: string;
  documents: { kinds: string[]; source: string | null };
  eligible: boolean;
  onSubmitted: () => void;
  onCancel: () => void;
}) {
  const { t, e } = useApp();
  const [drafts, setDrafts] = useState<DocumentDraft[]>(() => documents.kinds.map((kind) => ({ kind, name: '', sha256: '' })));
  const [hashing, setHashing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [result, submit] = useMutation(SUBMIT_OPERATOR_APPLICATION);
  const choose = async (kind: string, file: File | undefined) => {
    setHashing(kind);
    const digest = file ? hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())) : '';
    setDrafts((ds) => ds.map((d) => (d.kind === kind ? { kind, name: file?.name ?? '', sha256: digest } : d)));
    setHashing(null);
    if (refusal?.kinds.includes(kind)) setRefusal(null);
  };
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const sent = documentsInput(drafts);
    const r = await submit({ callId, documents: sent });
    const refused = refusalOf(r.error, sent);
    setRefusal(refused);
    if (!r.error) onSubmitted();
  };
  const here = (at: Refusal['at'], kind?: string) => (refusal && refusal.at === at && (kind === undefined ? !refusal.kinds.length || at !== 'documents' : refusal.kinds.includes(kind)) ? <RefusalNote refusal={refusal} /> : null);
  return (
    <form className="form apply-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('opapp.form')} noValidate>
      <fieldset className="documents" data-field="documents">
        <legend>{t('opapp.form')}</legend>
        {drafts.length ? <p className="muted">{t('opapp.formHint')}</p> : <p className="muted" data-empty="documents">{t('opapp.noDocuments')} <Cite source={documents.source} /></p>}
        {drafts.map((d) => (
          <div key={d.kind} className="document-row" data-kind={d.kind} data-chosen={!!d.sha256}>
            <span className="doc-label">{e(d.kind)} <small className="muted">（{t('opapp.required')}：<Cite source={articleOf(documents.source)} />）</small></span>
            <FilePick name={`doc:${d.kind}`} invalid={!!refusal?.kinds.includes(d.kind)} onFile={(f) => void choose(d.kind, f)} />
            {hashing === d.kind ? <small className="muted">{t('opapp.hashing')}</small> : null}
            {d.sha256 ? <small className="muted">{d.name} · <code>{d.sha256.slice(0, 16)}</code></small> : null}
            {here('documents', d.kind)}
          </div>
        ))}
        {here('documents')}
      </fieldset>
      {here('call')}
      {here('form')}
      {!refusal ? <ErrorBox error={result.error && !result.error.graphQLErrors.length ? result.error : null} /> : null}
      <div className="actions">
        <button className="btn primary" type="submit" disabled={result.fetching || !!hashing} data-eligible={eligible}>{t('opapp.submit')}</button>
        <button className="btn" type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** A file chooser labelled in the user's language (the browser's own button speaks the browser's language). */
export function FilePick({ name, invalid, onFile }: { name: string; invalid: boolean; onFile: (file: File | undefined) => void }) {
  const { t } = useApp();
  return (
    <label className="btn small file-pick">
      {t('opapp.file')}
      <input type="file" className="file-input" name={name} aria-invalid={invalid ? true : undefined} onChange={(ev) => onFile(ev.target.files?.[0])} />
    </label>
  );
}

/** The API's refusal in the user's language, the other language beside it, and the rule it cites. */
export function RefusalNote({ refusal }: { refusal: Refusal }) {
  const { lang } = useApp();
  const otherLang = lang === 'zh' ? 'en' : 'zh';
  const main = localiseCodes(lang === 'zh' ? refusal.zh : refusal.en, lang);
  const other = localiseCodes(lang === 'zh' ? refusal.en : refusal.zh, otherLang);
  return (
    <div className="state state-error field-error refusal" role="alert" data-code={refusal.code}>
      <strong>{main}</strong>
      {refusal.rule ? <small className="muted"> <Cite source={articleOf(refusal.rule)} /></small> : null}
      {other && other !== main ? <div><small className="muted" lang={otherLang === 'en' ? 'en' : 'zh-CN'}>{other}</small></div> : null}
    </div>
  );
}
