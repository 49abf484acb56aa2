import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { LoginPage } from '../features/login/LoginPage';
import { I18nProvider, useI18n } from './i18n';
import { Loading } from './Loading';
import { navigate, useLocation } from './router';
import { useSession } from './session';

// Everything but the login page is loaded on demand, so the first page stays small.
const ConsoleShell = lazy(() => import('./ConsoleShell'));
const PublicShell = lazy(() => import('../features/public/PublicShell'));

function Routes() {
  const { path, search } = useLocation();
  const session = useSession();
  if (path.startsWith('/public')) {
    return (
      <Suspense fallback={<Loading />}>
        <PublicShell path={path} />
      </Suspense>
    );
  }
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'anonymous') {
    if (path !== '/login') {
      const next =
        path === '/' ? '' : `?next=${encodeURIComponent(path + (search.size ? `?${search}` : ''))}`;
      queueMicrotask(() => navigate(`/login${next}`, { replace: true }));
      return <Loading />;
    }
    return <LoginPage />;
  }
  if (path === '/login') {
    const next = search.get('next');
    queueMicrotask(() => navigate(next?.startsWith('/') ? next : '/', { replace: true }));
    return <Loading />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <ConsoleShell me={session.me} organisationName={session.organisationName} path={path} />
    </Suspense>
  );
}

function Localised() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4 } }}
    >
      <AntApp>
        <Routes />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
