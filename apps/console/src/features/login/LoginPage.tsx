import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { type Lang, useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { login } from '../../app/session';

type Values = { username: string; password: string };

export function LoginPage() {
  const { t, lang, setLang, pick } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0b3d91 0%, #1d5fbf 60%, #4a8fe7 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }} data-testid="login-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'EN', value: 'en' },
              ]}
            />
          </div>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
          <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, max: 100, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, max: 200, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.publicHint')}{' '}
            <a
              href="/public/zones"
              onClick={(e) => {
                e.preventDefault();
                navigate('/public/zones');
              }}
            >
              {t('nav.publicZones')}
            </a>
            {' · '}
            <a
              href="/public/operators"
              onClick={(e) => {
                e.preventDefault();
                navigate('/public/operators');
              }}
            >
              {t('nav.publicOperators')}
            </a>
            {' · '}
            <a
              href="/public/verify"
              onClick={(e) => {
                e.preventDefault();
                navigate('/public/verify');
              }}
            >
              {t('nav.publicVerify')}
            </a>
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
