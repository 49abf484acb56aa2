import { Button, Layout, Menu, Result, Segmented, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { type Lang, useI18n } from '../../app/i18n';
import { Loading } from '../../app/Loading';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';

const Zones = lazy(() => import('./ZonesPage'));
const Operators = lazy(() => import('./OperatorsPage'));
const Verify = lazy(() => import('./VerifyPage'));

const PAGES = { '/public/zones': Zones, '/public/operators': Operators, '/public/verify': Verify } as const;

/** The pages anyone may open without signing in. */
export default function PublicShell({ path }: { path: string }) {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const Page = PAGES[path as keyof typeof PAGES];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b3d91' }}>
        <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.title')} · {t('group.public')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          style={{ flex: 1, background: 'transparent', minWidth: 0 }}
          selectedKeys={[path]}
          onClick={({ key }) => navigate(key)}
          items={[
            { key: '/public/zones', label: t('nav.publicZones') },
            { key: '/public/operators', label: t('nav.publicOperators') },
            { key: '/public/verify', label: t('nav.publicVerify') },
          ]}
        />
        <Space>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Button onClick={() => navigate(session.status === 'signed-in' ? '/' : '/login')}>
            {session.status === 'signed-in' ? t('common.backToConsole') : t('login.submit')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Loading />}>
          {Page ? <Page /> : <Result status="404" title="404" subTitle={t('common.notFoundPage')} />}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
