import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiFetch, get, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { showApiError } from '../../shared/api-form';
import { formatTime, nameOf } from '../../shared/labels';
import { DECLARATION_COLOURS } from './DeclarationsPage';
import { TraceGraph } from './TraceGraph';
import { DECLARATION_STATUS, type Declaration, type PartyRef, type Trace } from './types';

const CLEARANCE_ACTIONS = ['declared', 'released', 'inspected', 'rejected'] as const;

function partyText(p: PartyRef): string {
  return [p.name, p.usci ?? p.customsCode ?? p.passport, p.nationality].filter(Boolean).join(' · ');
}

export default function DeclarationPage({ params, me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [decl, setDecl] = useState<Declaration | null>(null);
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<{ action: string; customsEntryNo?: string; note?: string }>();
  const action = Form.useWatch('action', form);

  const load = useCallback(async () => {
    try {
      const d = await get<Declaration>(
        `/api/procurement/declarations/${encodeURIComponent(params.id ?? '')}`,
      );
      setDecl(d);
      setTrace(
        await get<Trace>(`/api/procurement/trace/declarations/${encodeURIComponent(d.declarationNo)}`),
      );
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.messages) : String(e));
    }
  }, [params.id, pick]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!decl) return <Card loading />;

  const clear = async () => {
    const v = await form.validateFields();
    setFormError(null);
    try {
      await post(`/api/procurement/declarations/${decl.id}/clearance`, {
        action: v.action,
        ...(v.customsEntryNo ? { customsEntryNo: v.customsEntryNo.trim() } : {}),
        ...(v.note ? { note: v.note } : {}),
      });
      message.success(t('common.done'));
      setClearing(false);
      await load();
    } catch (e) {
      setFormError(showApiError(form, e, pick));
    }
  };

  const print = async () => {
    const response = await apiFetch('GET', `/api/procurement/declarations/${decl.id}/print`, {
      accept: 'text/html',
    });
    const html = await response.text();
    const w = window.open('', '_blank');
    w?.document.write(html);
    w?.document.close();
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="declaration-page">
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/procurement/declarations')}
            />
            {t('proc.declaration')} {decl.declarationNo}
            <Tag color={DECLARATION_COLOURS[decl.status]}>
              {nameOf(DECLARATION_STATUS, decl.status, lang)}
            </Tag>
            {decl.part.count > 1 && (
              <Tag color="orange">{t('proc.partOf', { i: decl.part.index, n: decl.part.count })}</Tag>
            )}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => void print()}>
              {t('proc.print')}
            </Button>
            {can(me, 'procurement:clear') && (
              <Button
                type="primary"
                onClick={() => {
                  form.resetFields();
                  setFormError(null);
                  setClearing(true);
                }}
              >
                {t('proc.clearance')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('proc.tradeMode')}>
            1039 {t('proc.marketProcurement')}
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.customsEntryNo')}>{decl.customsEntryNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item
            label={t('proc.container')}
          >{`${decl.container.containerNo} / ${decl.container.sealNo}`}</Descriptions.Item>
          <Descriptions.Item label={t('proc.consignor')}>{partyText(decl.consignor)}</Descriptions.Item>
          <Descriptions.Item label={t('proc.broker')}>{partyText(decl.broker)}</Descriptions.Item>
          <Descriptions.Item label={t('proc.purchaser')}>{partyText(decl.purchaser)}</Descriptions.Item>
          <Descriptions.Item label={t('proc.valueUsd')}>
            <Typography.Text strong>{decl.totalValueUsd}</Typography.Text> / {t('proc.limit')} {decl.limitUsd}
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.rateDate')}>{decl.rateDate}</Descriptions.Item>
          <Descriptions.Item label={t('proc.simplified')}>
            {decl.simplified ? t('proc.yes') : t('proc.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.remarks')} span={3}>
            {decl.remarks}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('proc.declaredLines')}>
        <Table
          rowKey="no"
          size="small"
          pagination={false}
          dataSource={decl.lines}
          columns={[
            { title: '#', dataIndex: 'no' },
            { title: 'HS', dataIndex: 'hsCode' },
            { title: t('proc.product'), dataIndex: 'name' },
            {
              title: t('proc.quantity'),
              render: (_, l) => l.quantities.map((q) => `${q.quantity} ${q.unit}`).join(' / '),
            },
            { title: t('proc.valueUsd'), dataIndex: 'valueUsd', align: 'right' },
            { title: t('proc.basis'), dataIndex: 'basis', render: (b: string) => <Tag>{b}</Tag> },
            { title: t('proc.sourceLines'), render: (_, l) => l.sourceLineIds.length },
          ]}
        />
      </Card>
      <Card size="small" title={t('proc.splitItems')}>
        <Typography.Paragraph type="secondary">
          {t('proc.splitExplain', { i: decl.part.index, n: decl.part.count, limit: decl.limitUsd })}
        </Typography.Paragraph>
        <Table
          rowKey="packingLineId"
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={decl.items}
          columns={[
            { title: t('proc.transaction'), dataIndex: 'transactionId' },
            { title: t('proc.packingLine'), dataIndex: 'packingLineId' },
            { title: t('proc.quantity'), dataIndex: 'quantity' },
            { title: t('proc.valueUsd'), dataIndex: 'valueUsd', align: 'right' },
          ]}
        />
      </Card>
      {trace && (
        <Card
          size="small"
          title={t('proc.trace')}
          extra={<Typography.Text type="secondary">{t('proc.traceHint')}</Typography.Text>}
        >
          <TraceGraph
            trace={trace}
            onOpenParty={(id) => can(me, 'parties:read') && navigate(`/parties/${id}`)}
          />
        </Card>
      )}
      <Card size="small" title={t('proc.events')}>
        <Timeline
          items={decl.events.map((e) => ({
            children: `${formatTime(e.at, lang)} · ${nameOf(DECLARATION_STATUS, e.action, lang)} · ${e.actorId}${e.customsEntryNo ? ` · ${e.customsEntryNo}` : ''}${e.note ? ` · ${e.note}` : ''}`,
          }))}
        />
      </Card>
      <Modal
        open={clearing}
        title={t('proc.clearance')}
        onCancel={() => setClearing(false)}
        onOk={() => void clear()}
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
        <Form form={form} name="clearance" layout="vertical" initialValues={{ action: 'declared' }}>
          <Form.Item name="action" label={t('proc.clearanceAction')} rules={[{ required: true }]}>
            <Select
              options={CLEARANCE_ACTIONS.map((a) => ({
                value: a,
                label: nameOf(DECLARATION_STATUS, a, lang),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="customsEntryNo"
            label={t('proc.customsEntryNo')}
            rules={[{ required: action === 'declared', pattern: /^\d{18}$/, message: t('proc.entryNoRule') }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="note" label={t('proc.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
