import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Input, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { exportXlsx } from '../../shared/export-xlsx';

type Zone = {
  id: string;
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  description: string;
  effectiveFrom: string;
  effectiveTo: string | null;
};

export default function ZonesPage() {
  const { t, pick } = useI18n();
  const [zones, setZones] = useState<Zone[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [effectiveOn, setEffectiveOn] = useState<string | undefined>();
  const [text, setText] = useState('');

  useEffect(() => {
    setZones(null);
    get<Zone[]>('/api/public/zones', { effectiveOn })
      .then(setZones)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [effectiveOn, pick]);

  const shown = useMemo(
    () =>
      (zones ?? []).filter(
        (z) => !text || `${z.code}${z.name}${z.districtName}`.toLowerCase().includes(text.toLowerCase()),
      ),
    [zones, text],
  );

  const columns = [
    { title: t('zone.code'), dataIndex: 'code' },
    { title: t('zone.name'), dataIndex: 'name' },
    { title: t('zone.district'), render: (_: unknown, z: Zone) => `${z.districtName} (${z.districtCode})` },
    {
      title: t('zone.effective'),
      render: (_: unknown, z: Zone) => `${z.effectiveFrom} ~ ${z.effectiveTo ?? t('zone.open')}`,
    },
    { title: t('zone.description'), dataIndex: 'description' },
  ];

  return (
    <Card
      title={t('nav.publicZones')}
      data-testid="zones-page"
      extra={
        <Button
          icon={<DownloadOutlined />}
          disabled={!shown.length}
          onClick={() =>
            void exportXlsx(
              t('nav.publicZones'),
              [
                { header: t('zone.code'), value: (z: Zone) => z.code },
                { header: t('zone.name'), value: (z) => z.name },
                { header: t('zone.district'), value: (z) => z.districtName },
                { header: t('zone.effectiveFrom'), value: (z) => z.effectiveFrom },
                { header: t('zone.effectiveTo'), value: (z) => z.effectiveTo },
                { header: t('zone.description'), value: (z) => z.description },
              ],
              shown,
            )
          }
        >
          {t('common.export')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('zone.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('zone.search')} onSearch={setText} style={{ width: 260 }} />
        <DatePicker
          placeholder={t('zone.effectiveOn')}
          onChange={(d) => setEffectiveOn(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Zone>
        rowKey="id"
        size="small"
        loading={zones === null && !error}
        dataSource={shown}
        columns={columns}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        locale={{ emptyText: <Empty description={t('zone.empty')} /> }}
      />
    </Card>
  );
}
