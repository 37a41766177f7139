import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app-context';
import { Loading } from '../components/ui';
import { desksFor } from '../lib/session';
import { navigate } from '../lib/router';

interface DemoUser { key: string; nameZh: string; role: string; org: string; jurisdiction: string }

/**
 * Sign-in: paste a token (any environment), or in development pick a demo user; the gateway's
 * /console/dev-token mints it (and answers 404 in production, where the list is hidden).
 */
export function SignIn() {
  const { t, e, signIn } = useApp();
  const [users, setUsers] = useState<DemoUser[] | null | 'none'>(null);
  const [token, setToken] = useState('');
  const [bad, setBad] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/console/dev-users')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((b: { users: DemoUser[] }) => live && setUsers(b.users))
      .catch(() => live && setUsers('none'));
    return () => {
      live = false;
    };
  }, []);

  const enter = (tok: string, name?: string, role?: string) => {
    if (!signIn(tok, name)) {
      setBad(true);
      return;
    }
    const desk = desksFor(role).find((d) => d !== 'market') ?? 'market';
    navigate(desk === 'market' ? '/' : `/${desk}`);
  };
  const pick = async (u: DemoUser) => {
    setBusy(u.key);
    try {
      const r = await fetch(`/console/dev-token?user=${encodeURIComponent(u.key)}`);
      if (!r.ok) throw new Error(String(r.status));
      const b = (await r.json()) as { token: string };
      enter(b.token, u.nameZh, u.role);
    } catch {
      setUsers('none');
    } finally {
      setBusy(null);
    }
  };
  const onPaste = (ev: FormEvent) => {
    ev.preventDefault();
    enter(token.trim());
  };

  return (
    <div className="signin">
      <h1>{t('signin.title')}</h1>
      <section className="card">
        <h2>{t('signin.demo')}</h2>
        {users === null ? (
          <Loading />
        ) : users === 'none' ? (
          <p className="muted">{t('signin.demoNone')}</p>
        ) : (
          <ul className="demo-users">
            {users.map((u) => (
              <li key={u.key}>
                <button type="button" className="btn user" data-user={u.key} disabled={busy !== null} onClick={() => void pick(u)}>
                  <b>{u.nameZh}</b>
                  <span className="muted">
                    {e(u.role)} · {e(u.jurisdiction)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('signin.paste')}</h2>
        <form className="form" onSubmit={onPaste}>
          <label>
            {t('signin.pasteHint')}
            <textarea name="token" rows={4} value={token} onChange={(ev) => { setToken(ev.target.value); setBad(false); }} />
          </label>
          {bad ? <div className="state state-error" role="alert">{t('signin.bad')}</div> : null}
          <button className="btn primary" type="submit" disabled={!token.trim()}>
            {t('signin.use')}
          </button>
        </form>
      </section>
    </div>
  );
}
