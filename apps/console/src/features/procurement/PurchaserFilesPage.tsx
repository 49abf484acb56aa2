import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Typography } from 'antd';
import { useRef, useState } from 'react';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { formatTime } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { FilePurchaserForm } from './FilePurchaserForm';
import { partyColumns } from './party-column';
import type { PurchaserFile } from './types';

/** 采购商档案: the purchasers an operator has an entrustment agreement with (an operator sees its own). */
export default function PurchaserFilesPage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [creating, setCreating] = useState(false);
  const table = useRef<ActionType>(undefined);
  const columns: ProColumns<PurchaserFile>[] = [
    ...partyColumns<PurchaserFile>(t('proc.purchaser'), 'purchaserName', 'purchaserId'),
    ...partyColumns<PurchaserFile>(t('proc.operator'), 'operatorName', 'operatorId'),
    { title: t('pf.agreementNo'), dataIndex: 'agreementNo' },
    { title: t('pf.signedOn'), dataIndex: 'signedOn' },
    { title: t('pf.validUntil'), dataIndex: 'validUntil', render: (_, f) => f.validUntil ?? t('pf.noEnd') },
    {
      title: t('pf.agreementFile'),
      dataIndex: 'agreementSha256',
      render: (_, f) => (
        <Typography.Text code copyable={{ text: f.agreementSha256 }}>
          {f.agreementSha256.slice(0, 12)}…
        </Typography.Text>
      ),
    },
    { title: t('proc.createdAt'), dataIndex: 'createdAt', render: (_, f) => formatTime(f.createdAt, lang) },
  ];
  return (
    <>
      <FilePurchaserForm
        me={me}
        open={creating}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          table.current?.reload();
        }}
      />
      <PagedTable<PurchaserFile>
        testId="purchaser-files-table"
        rowKey="id"
        search={false}
        actionRef={table}
        columns={columns}
        exportName={t('nav.procPurchaserFiles')}
        fetchPage={(query) => get<Page<PurchaserFile>>('/api/procurement/purchaser-files', query)}
        emptyText={t('pf.empty')}
        toolbar={
          can(me, 'procurement:register')
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="file-purchaser"
                >
                  {t('pf.create')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
