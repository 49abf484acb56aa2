import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import {
  formatTime,
  nameOf,
  PARTY_KIND_NAMES,
  PARTY_STATUS_NAMES,
  RECOGNITION_NAMES,
  valueEnum,
} from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { FilePartyForm } from './FilePartyForm';

export type PartyView = {
  id: string;
  kind: string;
  legalForm: string;
  name: string;
  usci: string | null;
  customsCode: string | null;
  residentId: string | null;
  passport: { number: string; nationality: string } | null;
  nationality: string | null;
  phone: string | null;
  address: string | null;
  zoneId: string | null;
  stallNo: string | null;
  districtCode: string | null;
  status: string;
  recognition: string | null;
  filedByOrgId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  masked: boolean;
};

const STATUS_COLOURS: Record<string, string> = { active: 'green', suspended: 'orange', revoked: 'red' };
const RECOGNITION_COLOURS: Record<string, string> = {
  pending: 'gold',
  recognised: 'blue',
  refused: 'default',
};

export default function PartiesPage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [filing, setFiling] = useState(false);
  const table = useRef<ActionType>(undefined);
  const { search } = useLocation();
  const initial = (key: string) => search.get(key) ?? undefined;

  const columns: ProColumns<PartyView>[] = [
    {
      title: t('party.name'),
      dataIndex: 'name',
      initialValue: initial('name'),
      render: (_, row) => (
        <Typography.Link onClick={() => navigate(`/parties/${row.id}`)} data-testid="party-link">
          {row.name}
        </Typography.Link>
      ),
    },
    {
      title: t('party.identifier'),
      dataIndex: 'identifier',
      hideInTable: true,
      initialValue: initial('identifier'),
      tooltip: t('party.identifierHint'),
    },
    {
      title: t('party.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: valueEnum(PARTY_KIND_NAMES, lang),
      initialValue: initial('kind'),
    },
    { title: t('party.usci'), dataIndex: 'usci', search: false, copyable: true },
    { title: t('party.customsCode'), dataIndex: 'customsCode', search: false },
    { title: t('party.residentId'), dataIndex: 'residentId', search: false },
    {
      title: t('party.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: valueEnum(PARTY_STATUS_NAMES, lang),
      initialValue: initial('status'),
      render: (_, row) => (
        <Tag color={STATUS_COLOURS[row.status]}>{nameOf(PARTY_STATUS_NAMES, row.status, lang)}</Tag>
      ),
    },
    {
      title: t('party.recognition'),
      dataIndex: 'recognition',
      valueType: 'select',
      valueEnum: valueEnum(
        {
          pending: RECOGNITION_NAMES.pending!,
          recognised: RECOGNITION_NAMES.recognised!,
          refused: RECOGNITION_NAMES.refused!,
        },
        lang,
      ),
      initialValue: initial('recognition'),
      render: (_, row) =>
        row.recognition ? (
          <Tag color={RECOGNITION_COLOURS[row.recognition]}>
            {nameOf(RECOGNITION_NAMES, row.recognition, lang)}
          </Tag>
        ) : (
          '—'
        ),
    },
    { title: t('party.stallNo'), dataIndex: 'stallNo', search: false },
    {
      title: t('party.createdAt'),
      dataIndex: 'createdAt',
      search: false,
      render: (_, row) => formatTime(row.createdAt, lang),
    },
  ];

  return (
    <>
      <FilePartyForm
        open={filing}
        onClose={() => setFiling(false)}
        onFiled={() => {
          setFiling(false);
          table.current?.reload();
        }}
      />
      <PagedTable<PartyView>
        testId="parties-table"
        actionRef={table}
        toolbar={
          can(me, 'parties:file')
            ? [
                <Button
                  key="file"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setFiling(true)}
                  data-testid="file-party"
                >
                  {t('party.file')}
                </Button>,
              ]
            : []
        }
        rowKey="id"
        columns={columns}
        exportName={t('nav.parties')}
        exportValue={(row, key) => {
          if (key === 'kind') return nameOf(PARTY_KIND_NAMES, row.kind, lang);
          if (key === 'status') return nameOf(PARTY_STATUS_NAMES, row.status, lang);
          if (key === 'recognition') return nameOf(RECOGNITION_NAMES, row.recognition, lang);
          const value = row[key as keyof PartyView];
          return typeof value === 'object' && value !== null
            ? JSON.stringify(value)
            : (value as string | number | null);
        }}
        fetchPage={(query) => get<Page<PartyView>>('/api/parties', query)}
        emptyText={t('party.empty')}
      />
    </>
  );
}
