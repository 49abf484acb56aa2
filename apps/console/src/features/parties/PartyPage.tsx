import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { MESSAGES, type MessageKey } from '../../app/messages';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import {
  formatTime,
  nameOf,
  PARTY_KIND_NAMES,
  PARTY_STATUS_NAMES,
  RECOGNITION_NAMES,
} from '../../shared/labels';
import type { PartyView } from './PartiesPage';

type Detail = {
  party: PartyView;
  history: {
    at: string;
    action: string;
    actorType: string;
    actorId: string;
    orgId: string | null;
    requestId: string;
    reason: string | null;
    before: unknown;
    after: unknown;
  }[];
  recognitions: {
    id: string;
    status: string;
    appliedAt: string;
    appliedBy: string;
    statement: string;
    decidedAt: string | null;
    decidedBy: string | null;
    reason: string | null;
  }[];
};

type Action = 'apply' | 'decide' | 'suspend' | 'reinstate' | 'revoke';

export default function PartyPage({ params, me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(() => {
    get<Detail>(`/api/parties/${encodeURIComponent(params.id ?? '')}`)
      .then(setDetail)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [params.id, pick]);
  useEffect(load, [load]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        message={error}
        action={<Button onClick={() => navigate('/parties')}>{t('common.back')}</Button>}
      />
    );
  if (!detail) return <Card loading />;
  const p = detail.party;
  const pendingRecognition = p.recognition === 'pending';

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setFormError(null);
    try {
      const base = `/api/parties/${encodeURIComponent(p.id)}`;
      if (action === 'apply') await post(`${base}/recognition`, { statement: values.text });
      else if (action === 'decide')
        await post(`${base}/recognition/decision`, {
          decision: values.decision,
          ...(values.text ? { reason: values.text } : {}),
        });
      else await post(`${base}/status`, { action, reason: values.text });
      message.success(t('common.done'));
      setAction(null);
      form.resetFields();
      load();
    } catch (e) {
      setFormError(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const actions: { key: Action; label: string; show: boolean; danger?: boolean }[] = [
    {
      key: 'apply',
      label: t('party.applyRecognition'),
      show:
        can(me, 'parties:recognition:apply') &&
        p.kind === 'trade_operator' &&
        !pendingRecognition &&
        p.recognition !== 'recognised',
    },
    {
      key: 'decide',
      label: t('party.decideRecognition'),
      show: can(me, 'parties:recognition:decide') && pendingRecognition,
    },
    {
      key: 'suspend',
      label: t('party.suspend'),
      show: can(me, 'parties:status:change') && p.status === 'active',
      danger: true,
    },
    {
      key: 'reinstate',
      label: t('party.reinstate'),
      show: can(me, 'parties:status:change') && p.status === 'suspended',
    },
    {
      key: 'revoke',
      label: t('party.revoke'),
      show: can(me, 'parties:status:change') && p.status !== 'revoked',
      danger: true,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="party-page">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/parties')} />
            {p.name}
            <Tag>{nameOf(PARTY_KIND_NAMES, p.kind, lang)}</Tag>
          </Space>
        }
        extra={
          <Space>
            {actions
              .filter((a) => a.show)
              .map((a) => (
                <Button
                  key={a.key}
                  danger={a.danger}
                  onClick={() => {
                    form.resetFields();
                    setFormError(null);
                    setAction(a.key);
                  }}
                >
                  {a.label}
                </Button>
              ))}
          </Space>
        }
      >
        {p.masked && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('party.maskedNote')} />
        )}
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label={t('party.id')}>{p.id}</Descriptions.Item>
          <Descriptions.Item label={t('party.status')}>
            {nameOf(PARTY_STATUS_NAMES, p.status, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.recognition')}>
            {p.recognition ? nameOf(RECOGNITION_NAMES, p.recognition, lang) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.usci')}>{p.usci ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.customsCode')}>{p.customsCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.residentId')}>{p.residentId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.passport')}>
            {p.passport ? `${p.passport.number} (${p.passport.nationality})` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.phone')}>{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.address')}>{p.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.stallNo')}>{p.stallNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.districtCode')}>{p.districtCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.version')}>{p.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('party.recognitions')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.recognitions}
          locale={{ emptyText: <Empty description={t('party.noRecognitions')} /> }}
          columns={[
            {
              title: t('party.status'),
              dataIndex: 'status',
              render: (v: string) => nameOf(RECOGNITION_NAMES, v, lang),
            },
            {
              title: t('party.appliedAt'),
              dataIndex: 'appliedAt',
              render: (v: string) => formatTime(v, lang),
            },
            { title: t('party.statement'), dataIndex: 'statement' },
            {
              title: t('party.decidedAt'),
              dataIndex: 'decidedAt',
              render: (v: string | null) => formatTime(v, lang),
            },
            { title: t('party.reason'), dataIndex: 'reason' },
          ]}
        />
      </Card>
      <Card title={t('party.history')} size="small">
        <Timeline
          items={[...detail.history].reverse().map((h) => ({
            children: (
              <div>
                <Typography.Text strong>
                  {`history.${h.action}` in MESSAGES ? t(`history.${h.action}` as MessageKey) : h.action}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatTime(h.at, lang)} · {h.actorType}:{h.actorId}
                </Typography.Text>
                {h.reason && (
                  <div>
                    {t('party.reason')}: {h.reason}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={action !== null}
        title={actions.find((a) => a.key === action)?.label}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        {formError && (
          <Alert
            type="error"
            showIcon
            message={formError}
            style={{ marginBottom: 12 }}
            data-testid="form-error"
          />
        )}
        <Form form={form} layout="vertical" initialValues={{ decision: 'recognise' }}>
          {action === 'decide' && (
            <Form.Item name="decision" label={t('party.decision')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'recognise', label: t('party.recognise') },
                  { value: 'refuse', label: t('party.refuse') },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="text"
            label={action === 'apply' ? t('party.statement') : t('party.reason')}
            rules={
              action === 'decide'
                ? [{ max: 2000 }]
                : [
                    {
                      required: true,
                      min: 2,
                      max: action === 'apply' ? 4000 : 1000,
                      message: t('party.reasonRule'),
                    },
                  ]
            }
          >
            <Input.TextArea
              rows={4}
              showCount
              maxLength={action === 'apply' ? 4000 : action === 'decide' ? 2000 : 1000}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
