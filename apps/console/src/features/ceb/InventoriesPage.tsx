import type { ProColumns } from '@ant-design/pro-components';
import { Tag, Typography } from 'antd';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { formatTime, nameOf, valueEnum } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { INVENTORY_STATUS, type Inventory } from './types';

export const INVENTORY_COLOURS: Record<string, string> = {
  '2': 'default',
  '120': 'blue',
  '300': 'gold',
  '399': 'cyan',
  '500': 'orange',
  '800': 'green',
  '899': 'green',
  '100': 'red',
  '700': 'volcano',
  cancelled: 'default',
};

export function orderPath(i: { ebpCode: string; orderNo: string }): string {
  return `/ceb/orders/${encodeURIComponent(i.ebpCode)}/${encodeURIComponent(i.orderNo)}`;
}

/** 清单查询: regulators see all within reach; an enterprise sees the inventories it is party to. */
export default function InventoriesPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const columns: ProColumns<Inventory>[] = [
    {
      title: t('ceb.orderNo'),
      dataIndex: 'orderNo',
      initialValue: search.get('orderNo') ?? undefined,
      render: (_, i) => (
        <Typography.Link onClick={() => navigate(orderPath(i))} data-testid="order-link">
          {i.orderNo}
        </Typography.Link>
      ),
    },
    { title: t('ceb.invtNo'), dataIndex: 'invtNo' },
    { title: t('ceb.logisticsNo'), dataIndex: 'logisticsNo' },
    {
      title: t('ceb.buyerIdNumber'),
      dataIndex: 'buyerIdNumber',
      hideInTable: true,
      tooltip: t('ceb.buyerIdHint'),
    },
    {
      title: t('ceb.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: valueEnum(INVENTORY_STATUS, lang),
      initialValue: search.get('status') ?? undefined,
      render: (_, i) => (
        <>
          <Tag color={INVENTORY_COLOURS[i.status]}>{nameOf(INVENTORY_STATUS, i.status, lang)}</Tag>
          {i.hold && <Tag color="red">{t('ceb.held')}</Tag>}
        </>
      ),
    },
    { title: t('ceb.ebp'), dataIndex: 'ebpCode', search: false },
    { title: t('ceb.ebc'), dataIndex: 'ebcCode', search: false },
    { title: t('ceb.tradeMode'), dataIndex: 'tradeMode', search: false },
    {
      title: t('ceb.declaredAt'),
      dataIndex: 'declaredAt',
      search: false,
      render: (_, i) => formatTime(i.declaredAt, lang),
    },
    { title: t('ceb.from'), dataIndex: 'from', valueType: 'dateTime', hideInTable: true },
    { title: t('ceb.to'), dataIndex: 'to', valueType: 'dateTime', hideInTable: true },
  ];
  return (
    <PagedTable<Inventory>
      testId="inventories-table"
      rowKey="invtNo"
      columns={columns}
      exportName={t('nav.cebInventories')}
      exportValue={(row, key) =>
        key === 'status'
          ? nameOf(INVENTORY_STATUS, row.status, lang)
          : (row[key as keyof Inventory] as string)
      }
      fetchPage={(query) => {
        const q = { ...query };
        for (const k of ['from', 'to'] as const) if (q[k]) q[k] = new Date(String(q[k])).toISOString();
        return get<Page<Inventory>>('/api/ceb/inventories', q);
      }}
      emptyText={t('ceb.noInventories')}
    />
  );
}
