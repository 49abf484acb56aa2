import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Descriptions, Drawer, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { formatTime, nameOf, valueEnum } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { partyColumns } from './party-column';
import { RegisterTransactionForm } from './RegisterTransactionForm';
import { PAYMENT_METHODS, TRANSACTION_STATUS, type Transaction, type TransactionDetail } from './types';

export const STATUS_COLOURS: Record<string, string> = {
  registered: 'default',
  consolidated: 'blue',
  declared: 'gold',
  cleared: 'green',
  fx_collected: 'cyan',
  vat_exemption_declared: 'purple',
};

function TransactionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, lang, pick } = useI18n();
  const [detail, setDetail] = useState<TransactionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (id)
      get<TransactionDetail>(`/api/procurement/transactions/${encodeURIComponent(id)}`)
        .then(setDetail)
        .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [id, pick]);
  return (
    <Drawer width={820} open={id !== null} onClose={onClose} title={id} loading={!detail && !error}>
      {error && <Alert type="error" showIcon message={error} />}
      {detail && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('proc.status')}>
              {nameOf(TRANSACTION_STATUS, detail.status, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('proc.tradeDate')}>{detail.tradeDate}</Descriptions.Item>
            <Descriptions.Item label={t('proc.supplier')}>{detail.supplierId}</Descriptions.Item>
            <Descriptions.Item label={t('proc.stall')}>{detail.stallNo}</Descriptions.Item>
            <Descriptions.Item label={t('proc.purchaser')}>{detail.purchaserId}</Descriptions.Item>
            <Descriptions.Item label={t('proc.operator')}>{detail.operatorId}</Descriptions.Item>
            <Descriptions.Item
              label={t('proc.total')}
            >{`${detail.totalAmount} ${detail.currency}`}</Descriptions.Item>
            <Descriptions.Item label={t('proc.paymentMethod')}>
              {nameOf(PAYMENT_METHODS, detail.paymentMethod, lang)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('proc.lines')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.lines}
            columns={[
              { title: '#', dataIndex: 'lineNo' },
              { title: t('proc.product'), dataIndex: 'productName' },
              { title: 'HS', dataIndex: 'hsCode' },
              { title: t('proc.quantity'), render: (_, l) => `${l.quantity} ${l.unit}` },
              { title: t('proc.unitPrice'), dataIndex: 'unitPrice' },
              { title: t('proc.amount'), dataIndex: 'amount' },
              { title: t('proc.packed'), dataIndex: 'packedQuantity' },
            ]}
          />
          {detail.declarations.length > 0 && (
            <>
              <Typography.Title level={5}>{t('proc.declarations')}</Typography.Title>
              {detail.declarations.map((d) => (
                <Button key={d.id} type="link" onClick={() => navigate(`/procurement/declarations/${d.id}`)}>
                  {d.declarationNo} ({nameOf({}, d.status, lang)})
                </Button>
              ))}
            </>
          )}
          <Typography.Title level={5}>{t('party.history')}</Typography.Title>
          <Timeline
            items={detail.history.map((h) => ({
              children: `${formatTime(h.at, lang)} · ${h.from ? `${nameOf(TRANSACTION_STATUS, h.from, lang)} → ` : ''}${nameOf(TRANSACTION_STATUS, h.to, lang)} · ${h.actorId}${h.reference ? ` · ${h.reference}` : ''}`,
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

export default function TransactionsPage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [registering, setRegistering] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const table = useRef<ActionType>(undefined);

  const columns: ProColumns<Transaction>[] = [
    {
      title: t('proc.transaction'),
      dataIndex: 'id',
      search: false,
      render: (_, r) => (
        <Typography.Link onClick={() => setSelected(r.id)} data-testid="transaction-link">
          {r.id}
        </Typography.Link>
      ),
    },
    {
      title: t('proc.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: valueEnum(TRANSACTION_STATUS, lang),
      render: (_, r) => (
        <Tag color={STATUS_COLOURS[r.status]}>{nameOf(TRANSACTION_STATUS, r.status, lang)}</Tag>
      ),
    },
    { title: t('proc.tradeDate'), dataIndex: 'tradeDate', search: false },
    ...partyColumns<Transaction>(t('proc.supplier'), 'supplierName', 'supplierId', t('proc.supplierId')),
    { title: t('proc.stall'), dataIndex: 'stallNo', search: false },
    ...partyColumns<Transaction>(t('proc.purchaser'), 'purchaserName', 'purchaserId'),
    ...partyColumns<Transaction>(t('proc.operator'), 'operatorName', 'operatorId', t('proc.operatorId')),
    {
      title: t('proc.total'),
      dataIndex: 'totalAmount',
      search: false,
      align: 'right',
      render: (_, r) => `${r.totalAmount} ${r.currency}`,
    },
    {
      title: t('proc.registeredAt'),
      dataIndex: 'registeredAt',
      search: false,
      render: (_, r) => formatTime(r.registeredAt, lang),
    },
  ];

  return (
    <>
      <RegisterTransactionForm
        me={me}
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false);
          table.current?.reload();
        }}
      />
      <TransactionDrawer id={selected} onClose={() => setSelected(null)} />
      <PagedTable<Transaction>
        testId="transactions-table"
        rowKey="id"
        actionRef={table}
        columns={columns}
        exportName={t('nav.procTransactions')}
        exportValue={(row, key) =>
          key === 'status'
            ? nameOf(TRANSACTION_STATUS, row.status, lang)
            : (row[key as keyof Transaction] as string)
        }
        fetchPage={(query) => get<Page<Transaction>>('/api/procurement/transactions', query)}
        emptyText={t('proc.noTransactions')}
        toolbar={
          can(me, 'procurement:register')
            ? [
                <Button
                  key="register"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setRegistering(true)}
                  data-testid="register-transaction"
                >
                  {t('proc.register')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
