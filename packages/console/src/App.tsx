import { useApp } from './app-context';
import { Link } from './components/ui';
import { useRoute } from './lib/router';
import { ApplyDesk } from './pages/ApplyDesk';
import { desksFor } from './lib/session';
import { FinanceDesk } from './pages/FinanceDesk';
import { Marketplace } from './pages/Marketplace';
import { Mine } from './pages/Mine';
import { IndustryDesk } from './pages/IndustryDesk';
import { OperatorDesk } from './pages/OperatorDesk';
import { PartyDesk } from './pages/PartyDesk';
import { PricingDesk } from './pages/PricingDesk';
import { ProductPage } from './pages/Product';
import { Regulator } from './pages/Regulator';
import { SignIn } from './pages/SignIn';
import { SourceAgencyDesk } from './pages/SourceAgencyDesk';

export function App() {
  const { t, e, lang, setLang, claims, displayName, signOut } = useApp();
  const route = useRoute();
  const desks = desksFor(claims?.role);
  const current = route.page === 'product' ? 'market' : route.page;
  return (
    <div className="app" data-page={route.page}>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.title')} <small>{t('app.console')}</small>
        </Link>
        <nav className="nav">
          {desks.map((d) => (
            <Link key={d} to={d === 'market' ? '/' : `/${d}`} className={current === d ? 'active' : ''}>
              {t(`nav.${d}`)}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span className="muted" data-role={claims?.role ?? 'ANONYMOUS'}>
            {claims ? `${displayName ?? claims.sub} · ${e(claims.role)}` : t('common.anonymous')}
          </span>
          {claims ? (
            <button type="button" className="btn small" onClick={signOut}>
              {t('nav.signout')}
            </button>
          ) : (
            <Link to="/signin" className="btn small primary">
              {t('nav.signin')}
            </Link>
          )}
          <button type="button" className="btn small" lang={lang === 'zh' ? 'en' : 'zh'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('nav.lang')}
          </button>
        </div>
      </header>
      <main className="main">
        {route.page === 'market' ? <Marketplace /> : null}
        {route.page === 'product' ? <ProductPage key={route.id} id={route.id} /> : null}
        {route.page === 'mine' ? <Mine /> : null}
        {route.page === 'operator' ? <OperatorDesk /> : null}
        {route.page === 'finance' ? <FinanceDesk /> : null}
        {route.page === 'regulator' ? <Regulator /> : null}
        {route.page === 'source' ? <SourceAgencyDesk /> : null}
        {route.page === 'party' ? <PartyDesk /> : null}
        {route.page === 'pricing' ? <PricingDesk /> : null}
        {route.page === 'industry' ? <IndustryDesk /> : null}
        {route.page === 'apply' ? <ApplyDesk /> : null}
        {route.page === 'signin' ? <SignIn /> : null}
      </main>
    </div>
  );
}
