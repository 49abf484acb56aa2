import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import { useRef, useState } from 'react';
import { get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { formatTime } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { GenerateDeclarationsModal } from './GenerateDeclarationsModal';
import { PackContainerForm } from './PackContainerForm';
import { partyColumns } from './party-column';
import type { Container } from './types';

export default function ContainersPage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [packing, setPacking] = useState(false);
  const [declaring, setDeclaring] = useState<Container | null>(null);
  const table = useRef<ActionType>(undefined);

  const columns: ProColumns<Container>[] = [
    { title: t('proc.containerNo'), dataIndex: 'containerNo' },
    { title: t('proc.sealNo'), dataIndex: 'sealNo' },
    ...partyColumns<Container>(t('proc.operator'), 'operatorName', 'operatorId'),
    { title: t('proc.status'), dataIndex: 'status', render: (_, c) => <Tag>{c.status}</Tag> },
    { title: t('proc.grossKg'), dataIndex: 'grossWeightKg', align: 'right' },
    { title: t('proc.netKg'), dataIndex: 'netWeightKg', align: 'right' },
    { title: t('proc.lineCount'), dataIndex: 'lines', render: (_, c) => c.lines.length },
    { title: t('proc.createdAt'), dataIndex: 'createdAt', render: (_, c) => formatTime(c.createdAt, lang) },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, c) =>
        can(me, 'procurement:declare')
          ? [
              <Button
                key="declare"
                size="small"
                type="link"
                onClick={() => setDeclaring(c)}
                data-testid="generate-declarations"
              >
                {t('proc.generate')}
              </Button>,
            ]
          : [],
    },
  ];

  return (
    <>
      <PackContainerForm
        me={me}
        open={packing}
        onClose={() => setPacking(false)}
        onDone={(c) => {
          setPacking(false);
          table.current?.reload();
          setDeclaring(can(me, 'procurement:declare') ? c : null);
        }}
      />
      <GenerateDeclarationsModal
        container={declaring}
        onClose={() => {
          setDeclaring(null);
          table.current?.reload();
        }}
      />
      <PagedTable<Container>
        testId="containers-table"
        rowKey="id"
        search={false}
        actionRef={table}
        columns={columns}
        exportName={t('nav.procContainers')}
        exportValue={(row, key) =>
          key === 'lines' ? row.lines.length : (row[key as keyof Container] as string)
        }
        fetchPage={(query) => get<Page<Container>>('/api/procurement/containers', query)}
        emptyText={t('proc.noContainers')}
        toolbar={
          can(me, 'procurement:consolidate')
            ? [
                <Button
                  key="pack"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setPacking(true)}
                  data-testid="pack-container"
                >
                  {t('proc.pack')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
