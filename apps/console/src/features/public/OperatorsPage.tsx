import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { exportXlsx } from '../../shared/export-xlsx';
import { formatTime } from '../../shared/labels';

type Operator = {
  id: string;
  name: string;
  usci: string | null;
  customsCode: string | null;
  districtCode: string | null;
  recognisedSince: string;
};

export default function OperatorsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Page<Operator> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);

  useEffect(() => {
    setError(null);
    get<Page<Operator>>('/api/public/operators', { name, page, pageSize })
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [name, page, pageSize, pick]);

  const runExport = async () => {
    setExporting(0);
    try {
      const rows: Operator[] = [];
      for (let p = 1; p <= 50; p++) {
        const r = await get<Page<Operator>>('/api/public/operators', { name, page: p, pageSize: 200 });
        rows.push(...r.items);
        setExporting(Math.round((100 * rows.length) / Math.max(1, r.total)));
        if (rows.length >= r.total || r.items.length === 0) break;
      }
      await exportXlsx(
        t('nav.publicOperators'),
        [
          { header: t('party.name'), value: (o: Operator) => o.name },
          { header: t('party.usci'), value: (o) => o.usci },
          { header: t('party.customsCode'), value: (o) => o.customsCode },
          { header: t('party.districtCode'), value: (o) => o.districtCode },
        ],
        rows,
      );
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card
      title={t('nav.publicOperators')}
      data-testid="operators-page"
      extra={
        exporting === null ? (
          <Button icon={<DownloadOutlined />} onClick={() => void runExport()}>
            {t('common.export')}
          </Button>
        ) : (
          <Progress percent={exporting} size="small" style={{ width: 160 }} />
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('operators.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('operators.search')}
          onSearch={(v) => {
            setName(v);
            setPage(1);
          }}
          style={{ width: 300 }}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Operator>
        rowKey="id"
        size="small"
        loading={data === null && !error}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        locale={{ emptyText: <Empty description={t('operators.empty')} /> }}
        columns={[
          { title: t('party.name'), dataIndex: 'name' },
          { title: t('party.usci'), dataIndex: 'usci' },
          { title: t('party.customsCode'), dataIndex: 'customsCode' },
          { title: t('party.districtCode'), dataIndex: 'districtCode' },
          {
            title: t('operators.since'),
            dataIndex: 'recognisedSince',
            render: (v: string) => formatTime(v, lang),
          },
        ]}
      />
    </Card>
  );
}
