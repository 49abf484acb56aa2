import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, type MenuProps, Result, Segmented, Space, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { type Lang, useI18n } from './i18n';
import { Loading } from './Loading';
import type { MessageKey } from './messages';
import { match, navigate } from './router';
import { GROUPS, homeOf, ROUTES } from './routes';
import { logout, type Me } from './session';

const PUBLIC_LINKS: { key: string; label: MessageKey }[] = [
  { key: '/public/zones', label: 'nav.publicZones' },
  { key: '/public/operators', label: 'nav.publicOperators' },
  { key: '/public/verify', label: 'nav.publicVerify' },
];

export default function ConsoleShell({
  me,
  organisationName,
  path,
}: {
  me: Me;
  organisationName: string;
  path: string;
}) {
  const { t, lang, setLang } = useI18n();
  const allowed = useMemo(() => ROUTES.filter((r) => r.allowed(me)), [me]);

  const items = useMemo<MenuProps['items']>(() => {
    const groups = new Map<MessageKey, { key: string; label: string; icon: React.ReactNode }[]>();
    for (const route of allowed) {
      if (!route.menu) continue;
      const list = groups.get(route.menu.group) ?? [];
      list.push({ key: route.menu.key, label: t(route.menu.label), icon: route.menu.icon });
      groups.set(route.menu.group, list);
    }
    const result: NonNullable<MenuProps['items']> = [...groups.entries()].map(([group, children]) =>
      children.length === 1
        ? children[0]!
        : { key: group, label: t(group), icon: GROUPS[group]?.icon, children },
    );
    result.push({
      key: 'group.public',
      label: t('group.public'),
      icon: GROUPS['group.public']?.icon,
      children: PUBLIC_LINKS.map((l) => ({ key: l.key, label: t(l.label) })),
    });
    return result;
  }, [allowed, t]);

  if (path === '/' || path === '') {
    queueMicrotask(() => navigate(homeOf(me), { replace: true }));
    return <Loading />;
  }

  let content: React.ReactNode = null;
  let selected = '';
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (!params) continue;
    selected = route.menu?.key ?? ROUTES.find((r) => r.menu && path.startsWith(r.path))?.menu?.key ?? '';
    if (!route.allowed(me)) {
      content = <Result status="403" title="403" subTitle={t('common.forbiddenPage')} />;
    } else {
      const Page = route.page;
      content = <Page params={params} me={me} />;
    }
    break;
  }
  if (!content) {
    content = (
      <Result
        status="404"
        title="404"
        subTitle={t('common.notFoundPage')}
        extra={<Button onClick={() => navigate(homeOf(me))}>{t('common.home')}</Button>}
      />
    );
  }
  const openKeys = (items ?? [])
    .filter((item) => item && 'children' in item && item.children?.some((c) => c?.key === selected))
    .map((item) => String(item?.key));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div
          style={{ color: '#fff', fontWeight: 600, fontSize: 18, padding: '16px 20px', whiteSpace: 'nowrap' }}
        >
          {t('app.short')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={openKeys}
          items={items}
          onClick={({ key }) => navigate(key)}
          data-testid="nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong>{t('app.title')}</Typography.Text>
          <Space size="middle">
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { label: '中文', value: 'zh', icon: <GlobalOutlined /> },
                { label: 'EN', value: 'en' },
              ]}
            />
            <Dropdown
              menu={{
                items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('common.logout') }],
                onClick: () => void logout(),
              }}
            >
              <Space data-testid="current-user" style={{ cursor: 'pointer' }}>
                <UserOutlined />
                <span>{me.displayName}</span>
                {organisationName && <Typography.Text type="secondary">{organisationName}</Typography.Text>}
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>{content}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
