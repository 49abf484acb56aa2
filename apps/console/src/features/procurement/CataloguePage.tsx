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
import { partyColumns } from './party-column';
import { RegisterProductForm } from './RegisterProductForm';
import type { Product } from './types';

/** 供货商商品目录: the goods suppliers may sell under 1039; an enterprise supplier lists its own. */
export default function CataloguePage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [registering, setRegistering] = useState(false);
  const table = useRef<ActionType>(undefined);
  const columns: ProColumns<Product>[] = [
    { title: t('cat.name'), dataIndex: 'name', search: false },
    { title: t('cat.hsCode'), dataIndex: 'hsCode', search: false },
    { title: t('cat.unit'), dataIndex: 'unit', search: false },
    {
      title: t('cat.referencePrice'),
      dataIndex: 'referencePrice',
      search: false,
      align: 'right',
      render: (_, p) => `${p.referencePrice} ${p.currency}`,
    },
    {
      title: t('cat.brand'),
      dataIndex: 'brand',
      search: false,
      render: (_, p) =>
        p.brand ? (
          <>
            {p.brand} <Tag color="blue">{p.brandAuthorisationRef}</Tag>
          </>
        ) : (
          '—'
        ),
    },
    ...partyColumns<Product>(t('proc.supplier'), 'supplierName', 'supplierId', t('proc.supplierId')),
    ...partyColumns<Product>(t('cat.manufacturer'), 'manufacturerName', 'manufacturerId'),
    {
      title: t('proc.createdAt'),
      dataIndex: 'createdAt',
      search: false,
      render: (_, p) => formatTime(p.createdAt, lang),
    },
  ];
  return (
    <>
      <RegisterProductForm
        me={me}
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false);
          table.current?.reload();
        }}
      />
      <PagedTable<Product>
        testId="catalogue-table"
        rowKey="id"
        actionRef={table}
        columns={columns}
        exportName={t('nav.procCatalogue')}
        fetchPage={(query) => get<Page<Product>>('/api/procurement/products', query)}
        emptyText={t('cat.empty')}
        toolbar={
          can(me, 'procurement:catalogue')
            ? [
                <Button
                  key="register"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setRegistering(true)}
                  data-testid="register-product"
                >
                  {t('cat.register')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
