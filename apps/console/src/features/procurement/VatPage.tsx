import type { ProColumns } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';

type VatFiling = {
  id: string;
  supplierId: string;
  period: string;
  dueOn: string;
  transactionCount: number;
  totalAmountCny: string;
  status: string;
  overdue: boolean;
  generatedAt: string;
  declaredAt: string | null;
};

/** 增值税免税申报: monthly VAT-exemption filings of suppliers, with overdue ones flagged. */
export default function VatPage() {
  const { t, lang } = useI18n();
  const columns: ProColumns<VatFiling>[] = [
    { title: t('proc.period'), dataIndex: 'period', tooltip: 'YYYY-MM' },
    { title: t('proc.supplier'), dataIndex: 'supplierId' },
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
  ];
  return (
    <PagedTable<VatFiling>
      testId="vat-table"
      rowKey="id"
      columns={columns}
      exportName={t('nav.procVat')}
      fetchPage={(query) => get<Page<VatFiling>>('/api/procurement/vat-filings', query)}
      emptyText={t('proc.noVat')}
    />
  );
}
