import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { showApiError } from '../../shared/api-form';
import { downloadFromApi } from '../../shared/download';
import { formatTime, nameOf } from '../../shared/labels';
import { INVENTORY_COLOURS } from './InventoriesPage';
import { fieldLabel, fieldValue, OWNERS, receiptInfo, receiptName } from './labels';
import { ReturnStatusTag } from './ReturnStatusTag';
import { CUSTOMS_ACTIONS, DOCUMENT_KINDS, type Head, INVENTORY_STATUS, type OrderView } from './types';

const FOUR = ['order', 'payment', 'waybill', 'inventory'] as const;
/** Head fields shown on each document card before 显示全部 opens the rest. */
const HEAD_FIELDS_SHOWN = 14;

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A document's goods lines as a table, columns labelled as the spec's line table names them. */
function LinesTable({ owner, lines }: { owner: string | undefined; lines: Head[] }) {
  const { lang } = useI18n();
  const keys = [...new Set(lines.flatMap((line) => Object.keys(line)))];
  return (
    <Table
      rowKey={(_, i) => String(i)}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={lines}
      columns={keys.map((k) => ({
        title: <span title={k}>{fieldLabel(owner, k, lang)}</span>,
        dataIndex: k,
        render: (v: unknown) => fieldValue(k, v, lang),
      }))}
    />
  );
}

function DocumentCard({ kind, view }: { kind: (typeof FOUR)[number]; view: OrderView }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [allFields, setAllFields] = useState(false);
  const [linesOpen, setLinesOpen] = useState(false);
  const versions = view.documents.filter((d) => d.kind === kind).sort((a, b) => b.version - a.version);
  const latest = versions[0];
  const owners = OWNERS[kind];
  const downloadOriginal = async (messageId: string) => {
    try {
      await downloadFromApi(
        `/api/ceb/messages/${encodeURIComponent(messageId)}/original`,
        `${kind}-${messageId}`,
      );
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    }
  };
  const fields = latest ? Object.entries(latest.head) : [];
  return (
    <Card
      size="small"
      title={
        <Space>
          {nameOf(DOCUMENT_KINDS, kind, lang)}
          {latest ? (
            <Tag color="green">{t('ceb.received')}</Tag>
          ) : (
            <Tag color="default">{t('ceb.missing')}</Tag>
          )}
          {versions.length > 1 && <Tag>{t('ceb.versions', { n: versions.length })}</Tag>}
        </Space>
      }
      extra={
        latest?.originalAvailable && (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            title={t('ceb.originalHint')}
            onClick={() => downloadOriginal(latest.messageId)}
            data-testid={`original-${kind}`}
          >
            {t('ceb.original')}
          </Button>
        )
      }
      style={{ height: '100%' }}
      data-testid={`doc-${kind}`}
    >
      {latest ? (
        <>
          <Descriptions size="small" column={1} colon={false} labelStyle={{ width: 120 }}>
            {(allFields ? fields : fields.slice(0, HEAD_FIELDS_SHOWN)).map(([k, v]) => (
              <Descriptions.Item key={k} label={<span title={k}>{fieldLabel(owners?.head, k, lang)}</span>}>
                <span style={{ wordBreak: 'break-all' }}>{fieldValue(k, v, lang)}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Space size="small" wrap>
            {fields.length > HEAD_FIELDS_SHOWN && (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setAllFields(!allFields)}
                data-testid={`all-fields-${kind}`}
              >
                {allFields ? t('ceb.fewerFields') : t('ceb.allFields', { n: fields.length })}
              </Button>
            )}
            {latest.lists.length > 0 && (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setLinesOpen(true)}
                data-testid={`lines-${kind}`}
              >
                {t('ceb.itemCount', { n: latest.lists.length })}
              </Button>
            )}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(latest.receivedAt, lang)} · v{latest.version}
            </Typography.Text>
          </div>
          <Modal
            open={linesOpen}
            width={1100}
            footer={null}
            onCancel={() => setLinesOpen(false)}
            title={`${nameOf(DOCUMENT_KINDS, kind, lang)} · ${t('ceb.itemCount', { n: latest.lists.length })}`}
          >
            <LinesTable owner={owners?.list} lines={latest.lists} />
          </Modal>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ceb.missingHint')} />
      )}
    </Card>
  );
}

export default function OrderPage({ params, me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [view, setView] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<{ action: string; reason: string }>();

  const load = useCallback(() => {
    get<OrderView>(
      `/api/ceb/orders/${encodeURIComponent(params.ebpCode ?? '')}/${encodeURIComponent(params.orderNo ?? '')}`,
    )
      .then(setView)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [params.ebpCode, params.orderNo, pick]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!view) return <Card loading />;
  const inv = view.inventory;

  const act = async () => {
    const v = await form.validateFields();
    setFormError(null);
    try {
      await post(`/api/ceb/inventories/${encodeURIComponent(inv!.invtNo)}/actions`, {
        action: v.action,
        reason: v.reason.trim(),
      });
      message.success(t('common.done'));
      setActing(false);
      load();
    } catch (e) {
      setFormError(showApiError(form, e, pick));
    }
  };
  const findings = Array.isArray(inv?.findings) ? (inv.findings as Head[]) : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="order-page">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/ceb/inventories')} />
            {t('ceb.order')} {view.orderNo}
            <Typography.Text type="secondary">{view.ebpCode}</Typography.Text>
            {inv && (
              <Tag color={INVENTORY_COLOURS[inv.status]}>{nameOf(INVENTORY_STATUS, inv.status, lang)}</Tag>
            )}
            {inv?.hold && <Tag color="red">{t('ceb.held')}</Tag>}
          </Space>
        }
        extra={
          inv &&
          can(me, 'ceb:customs') && (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setFormError(null);
                setActing(true);
              }}
              data-testid="customs-action"
            >
              {t('ceb.customsAction')}
            </Button>
          )
        }
      >
        {inv && (
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('ceb.invtNo')}>{inv.invtNo}</Descriptions.Item>
            <Descriptions.Item label={t('ceb.logisticsNo')}>{inv.logisticsNo}</Descriptions.Item>
            <Descriptions.Item label={t('ceb.tradeMode')}>{inv.tradeMode}</Descriptions.Item>
            <Descriptions.Item label={t('ceb.declaredAt')}>
              {formatTime(inv.declaredAt, lang)}
            </Descriptions.Item>
          </Descriptions>
        )}
        {findings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message={t('ceb.findings')}
            description={findings.map((f, i) => (
              <div key={String(i)}>
                {text(f.code)} —{' '}
                {typeof f.message === 'object' && f.message
                  ? pick(f.message as { zh: string; en: string })
                  : text(f.message ?? f)}
              </div>
            ))}
          />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        {FOUR.map((kind) => (
          <Col key={kind} span={6}>
            <DocumentCard kind={kind} view={view} />
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col span={14}>
          <Card size="small" title={t('ceb.receipts')}>
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 8 }}
              dataSource={view.receipts}
              locale={{ emptyText: <Empty description={t('ceb.noReceipts')} /> }}
              columns={[
                {
                  title: t('ceb.receiptType'),
                  dataIndex: 'receiptType',
                  render: (v: string) => receiptName(v, lang),
                },
                {
                  title: t('ceb.returnStatus'),
                  dataIndex: 'returnStatus',
                  render: (v: string) => <ReturnStatusTag status={v} />,
                },
                {
                  title: t('ceb.issuedAt'),
                  dataIndex: 'issuedAt',
                  render: (v: string) => formatTime(v, lang),
                },
                {
                  title: t('ceb.returnInfo'),
                  render: (_, r) => (
                    <span style={{ fontSize: 12, whiteSpace: 'pre-line' }} data-testid="receipt-info">
                      {receiptInfo(r.json) || '—'}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('ceb.timeline')}>
            <Timeline
              items={view.statusHistory.map((h) => ({
                color: h.status === '100' ? 'red' : h.status === '800' ? 'green' : 'blue',
                children: (
                  <>
                    <Typography.Text strong>{nameOf(INVENTORY_STATUS, h.status, lang)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {formatTime(h.at, lang)} · {h.actor}
                    </Typography.Text>
                    {h.reason && <div>{h.reason}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={acting}
        title={t('ceb.customsAction')}
        onCancel={() => setActing(false)}
        onOk={() => void act()}
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
        <Form form={form} name="customsAction" layout="vertical" initialValues={{ action: 'release' }}>
          <Form.Item name="action" label={t('ceb.action')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={CUSTOMS_ACTIONS.map((a) => ({ value: a, label: t(`ceb.action.${a}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('party.reason')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
