import type { ProColumns } from '@ant-design/pro-components';
import { Tag, Typography } from 'antd';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { formatTime, nameOf, valueEnum } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { partyColumns } from './party-column';
import { DECLARATION_STATUS, type DeclarationSummary } from './types';

export const DECLARATION_COLOURS: Record<string, string> = {
  generated: 'default',
  declared: 'gold',
  released: 'green',
  inspected: 'orange',
  rejected: 'red',
};

export default function DeclarationsPage() {
  const { t, lang } = useI18n();
  const columns: ProColumns<DeclarationSummary>[] = [
    {
      title: t('proc.declarationNo'),
      dataIndex: 'declarationNo',
      search: false,
      render: (_, d) => (
        <Typography.Link
          onClick={() => navigate(`/procurement/declarations/${d.id}`)}
          data-testid="declaration-link"
        >
          {d.declarationNo}
        </Typography.Link>
      ),
    },
    { title: t('proc.customsEntryNo'), dataIndex: 'customsEntryNo', search: false },
    {
      title: t('proc.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: valueEnum(DECLARATION_STATUS, lang),
      render: (_, d) => (
        <Tag color={DECLARATION_COLOURS[d.status]}>{nameOf(DECLARATION_STATUS, d.status, lang)}</Tag>
      ),
    },
    {
      title: t('proc.partyFilter'),
      dataIndex: 'partyId',
      hideInTable: true,
      tooltip: t('proc.partyFilterHint'),
    },
    ...partyColumns<DeclarationSummary>(t('proc.purchaser'), 'purchaserName', 'purchaserId'),
    ...partyColumns<DeclarationSummary>(t('proc.broker'), 'brokerName', 'brokerId'),
    { title: t('proc.valueUsd'), dataIndex: 'totalValueUsd', search: false, align: 'right' },
    {
      title: t('proc.simplified'),
      dataIndex: 'simplified',
      search: false,
      render: (_, d) => (d.simplified ? t('proc.yes') : t('proc.no')),
    },
    {
      title: t('proc.createdAt'),
      dataIndex: 'createdAt',
      search: false,
      render: (_, d) => formatTime(d.createdAt, lang),
    },
  ];
  return (
    <PagedTable<DeclarationSummary>
      testId="declarations-table"
      rowKey="id"
      columns={columns}
      exportName={t('nav.procDeclarations')}
      exportValue={(row, key) =>
        key === 'status'
          ? nameOf(DECLARATION_STATUS, row.status, lang)
          : (row[key as keyof DeclarationSummary] as string)
      }
      fetchPage={(query) => get<Page<DeclarationSummary>>('/api/procurement/declarations', query)}
      emptyText={t('proc.noDeclarations')}
    />
  );
}
