import { ThunderboltOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, DatePicker, Form, Modal, Popconfirm, Progress, Tag } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { formatTime } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { partyColumns } from './party-column';

type VatFiling = {
  id: string;
  supplierId: string;
  supplierName?: string;
  period: string;
  dueOn: string;
  transactionCount: number;
  totalAmountCny: string;
  status: string;
  overdue: boolean;
  generatedAt: string;
  declaredAt: string | null;
};

/** Generates the month's filings (one per supplier, from the previous month's released declarations). */
function GenerateModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, pick } = useI18n();
  const { modal } = App.useApp();
  const [month, setMonth] = useState<{ format: (f: string) => string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!month) return setError(t('vat.monthRequired'));
    setBusy(true);
    setError(null);
    try {
      const result = await post<{ items: VatFiling[] }>('/api/procurement/vat-filings/generate', {
        month: month.format('YYYY-MM'),
      });
      modal.success({
        title: t('vat.generated', { n: result.items.length }),
        content: result.items.length === 0 ? t('vat.generatedNone') : undefined,
      });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('vat.generate')}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      onOk={() => void run()}
      okText={t('vat.generate')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('vat.generateHint')} style={{ marginBottom: 12 }} />
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      )}
      <Form layout="vertical">
        <Form.Item label={t('vat.month')} required>
          <DatePicker picker="month" value={month as never} onChange={(d) => setMonth(d)} disabled={busy} />
        </Form.Item>
      </Form>
      {busy && <Progress percent={100} status="active" showInfo={false} />}
    </Modal>
  );
}

/** 增值税免税申报: monthly VAT-exemption filings of suppliers, with overdue ones flagged. */
export default function VatPage({ me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [generating, setGenerating] = useState(false);
  const [declaring, setDeclaring] = useState<string | null>(null);
  const table = useRef<ActionType>(undefined);
  const mayAct = can(me, 'procurement:vat');

  const declare = async (f: VatFiling) => {
    setDeclaring(f.id);
    try {
      await post(`/api/procurement/vat-filings/${encodeURIComponent(f.id)}/declare`);
      message.success(t('vat.declared', { period: f.period }));
      table.current?.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setDeclaring(null);
    }
  };

  const columns: ProColumns<VatFiling>[] = [
    { title: t('proc.period'), dataIndex: 'period', tooltip: 'YYYY-MM' },
    ...partyColumns<VatFiling>(t('proc.supplier'), 'supplierName', 'supplierId', t('proc.supplierId')),
    { title: t('proc.transactions'), dataIndex: 'transactionCount', search: false },
    { title: t('proc.amountCny'), dataIndex: 'totalAmountCny', search: false, align: 'right' },
    { title: t('proc.dueOn'), dataIndex: 'dueOn', search: false },
    {
      title: t('proc.status'),
      dataIndex: 'status',
      search: false,
      render: (_, f) => (
        <>
          <Tag color={f.declaredAt ? 'green' : 'default'}>{f.status}</Tag>
          {f.overdue && <Tag color="red">{t('proc.overdueFlag')}</Tag>}
        </>
      ),
    },
    {
      title: t('proc.declaredAt'),
      dataIndex: 'declaredAt',
      search: false,
      render: (_, f) => formatTime(f.declaredAt, lang),
    },
    ...(mayAct
      ? [
          {
            title: t('bad.actions'),
            valueType: 'option' as const,
            render: (_: unknown, f: VatFiling) =>
              f.status === 'pending' ? (
                <Popconfirm
                  title={t('vat.declareConfirm', { period: f.period, n: f.transactionCount })}
                  onConfirm={() => declare(f)}
                >
                  <Button type="link" size="small" loading={declaring === f.id} data-testid="declare-vat">
                    {t('vat.declare')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <GenerateModal
        open={generating}
        onClose={() => setGenerating(false)}
        onDone={() => {
          setGenerating(false);
          table.current?.reload();
        }}
      />
      <PagedTable<VatFiling>
        testId="vat-table"
        rowKey="id"
        actionRef={table}
        columns={columns}
        exportName={t('nav.procVat')}
        fetchPage={(query) => get<Page<VatFiling>>('/api/procurement/vat-filings', query)}
        emptyText={t('proc.noVat')}
        toolbar={
          mayAct
            ? [
                <Button
                  key="generate"
                  type="primary"
                  icon={<ThunderboltOutlined />}
                  onClick={() => setGenerating(true)}
                  data-testid="generate-vat"
                >
                  {t('vat.generate')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
