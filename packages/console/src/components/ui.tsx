import { useState, type MouseEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useApp } from '../app-context';
import { describeError } from '../lib/errors';
import { parseCitations, isPlatformDefault } from '../lib/citation';
import type { Text } from '../lib/explain';
import { dueState, formatDate, formatNumber, todayInChina } from '../lib/format';
import { navigate } from '../lib/router';

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (ev: MouseEvent<HTMLAnchorElement>) => {
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    navigate(to);
  };
  return (
    <a href={`/console${to}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useApp();
  return <div className="state state-empty">{children ?? t('common.empty')}</div>;
}

export function ErrorBox({ error, onRetry }: { error: CombinedError | Error | null | undefined; onRetry?: () => void }) {
  const { lang, t } = useApp();
  const d = describeError(error as never, lang);
  if (!d) return null;
  return (
    <div className="state state-error" role="alert" data-code={d.code}>
      <strong>{d.message}</strong>
      {d.rule ? <span className="rule"> [{d.rule}]</span> : null}
      <div className="next">{d.next}</div>
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * The common list wrapper: loading, error (with retry), empty, else the children.
 * `fetching` with data already present keeps the data on screen (a refresh, not a blank page).
 */
export function ListState({
  fetching,
  error,
  empty,
  onRetry,
  emptyText,
  children,
}: {
  fetching: boolean;
  error?: CombinedError;
  empty: boolean;
  onRetry?: () => void;
  emptyText?: ReactNode;
  children: ReactNode;
}) {
  if (error) return <ErrorBox error={error} onRetry={onRetry} />;
  if (fetching && empty) return <Loading />;
  if (empty) return <Empty>{emptyText}</Empty>;
  return <>{children}</>;
}

export function Badge({ value, tone }: { value: string | null | undefined; tone?: 'ok' | 'warn' | 'bad' | 'info' }) {
  const { e } = useApp();
  const auto = tone ?? toneOf(value);
  return <span className={`badge ${auto}`}>{e(value)}</span>;
}

function toneOf(v: string | null | undefined): 'ok' | 'warn' | 'bad' | 'info' {
  if (!v) return 'info';
  if (/^(APPROVED|LISTED|ACTIVE|SIGNED|CODED|COMPLETED|ACCEPTED|CORRECTED|PASS|RENEWED|FILED)$/.test(v)) return 'ok';
  if (/^(REFUSED|REJECTED|REVOKED|TERMINATED|DELISTED|SUSPENDED|EXPIRED|FAIL|OBJECTED)$/.test(v)) return 'bad';
  if (/^(SUBMITTED|APPLIED|OPEN|PENDING_ACCEPTANCE|RUNNING|ASSESSED|FORMAL_REVIEW|PUBLIC_NOTICE|DRAFT|RETURNED|EXPERT_REVIEW|PUBLICITY|SUPPLEMENT_REQUESTED)$/.test(v)) return 'warn';
  return 'info';
}

/**
 * A due date with its countdown; red and flagged when overdue. A date in the past is overdue
 * whatever the caller passed (never "due in -32 days"); the API's `overdue` can only add to that
 * (e.g. a deadline counted in working days that the API already knows has passed).
 */
export function Due({ on, overdue, today = todayInChina() }: { on: string | null | undefined; overdue?: boolean; today?: string }) {
  const { t, lang } = useApp();
  if (!on) return <span className="muted">—</span>;
  const due = dueState(on, today, overdue);
  return (
    <span className={due.kind === 'overdue' ? 'due overdue' : due.days <= 3 ? 'due soon' : 'due'}>
      <time dateTime={on}>{formatDate(on, lang)}</time>{' '}
      {due.kind === 'overdue' ? (
        <span className="badge bad">{due.days > 0 ? t('common.overdueBy', { n: due.days }) : t('common.overdue')}</span>
      ) : (
        <small>{due.kind === 'today' ? t('common.dueToday') : t('common.dueIn', { n: due.days })}</small>
      )}
    </span>
  );
}

/** Cursor pagination: a stack of `after` cursors so Previous works on forward-only connections. */
export function usePager() {
  const [stack, setStack] = useState<Array<string | null>>([null]);
  return {
    after: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor: string | null | undefined) => cursor && setStack((s) => [...s, cursor]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function Pager({
  pager,
  pageInfo,
  totalCount,
}: {
  pager: ReturnType<typeof usePager>;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
  totalCount?: number;
}) {
  const { t, lang } = useApp();
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <button type="button" className="btn small" disabled={pager.page <= 1} onClick={pager.prev}>
        {t('common.prev')}
      </button>
      <span>{t('common.page', { n: pager.page })}</span>
      {totalCount !== undefined ? <span className="muted">{t('common.total', { n: formatNumber(totalCount, lang) })}</span> : null}
      <button type="button" className="btn small" disabled={!pageInfo?.hasNextPage} onClick={() => pager.next(pageInfo?.endCursor)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

export function Section({ title, children, actions, id }: { title: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section className="card" id={id}>
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function NeedSignIn() {
  const { t } = useApp();
  return (
    <div className="state state-empty">
      {t('common.signInNeeded')} <Link to="/signin">{t('nav.signin')}</Link>
    </div>
  );
}

/**
 * A legal source (profile setting source, rule of a disclosure, due rule): in Chinese each citation
 * in its Chinese form (lib/citation.ts), unknown ones exactly as sent inside <cite><code>; in English
 * the source as the API sent it.
 */
export function Cite({ source, className }: { source: string | null | undefined; className?: string }) {
  const { t, lang } = useApp();
  if (!source) return null;
  if (isPlatformDefault(source)) return <span className={`citation default ${className ?? ''}`}>{t('common.platformDefault')}</span>;
  if (lang === 'en') return <cite className={`citation ${className ?? ''}`}>{source}</cite>;
  const cites = parseCitations(source) ?? [];
  return (
    <span className={`citations ${className ?? ''}`} title={`${t('common.citation')}: ${source}`}>
      {cites.map((c, i) => (
        <span key={`${c.raw}-${i}`}>
          {i ? '、' : null}
          {c.known ? <cite className="citation">{c.zh}</cite> : <cite className="citation unknown"><code>{c.raw}</code></cite>}
        </span>
      ))}
    </span>
  );
}

/** Text rebuilt in the user's language, or the API's own sentence marked as English when no pattern matched. */
export function Explained({ value }: { value: Text }) {
  const { t } = useApp();
  if (!value.raw) return <>{value.text}</>;
  return (
    <span lang="en" className="untranslated" title={t('common.untranslated')}>
      {value.text}
    </span>
  );
}
