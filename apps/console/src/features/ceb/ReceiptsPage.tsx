import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { exportXlsx } from '../../shared/export-xlsx';
import { formatTime } from '../../shared/labels';

type Receipt = {
  id: string;
  receiptType: string;
  guid: string;
  returnStatus: string;
  issuedAt: string;
  xml: string;
  json: unknown;
};
const PAGE_SIZE = 20;
const MAX_EXPORT_ROWS = 10_000;

/** 回执: receipts addressed to the signed-in enterprise (or all, for regulators), oldest first, paged by id. */
export default function ReceiptsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ items: Receipt[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Receipt | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);

  useEffect(() => {
    setData(null);
    get<{ items: Receipt[]; next: string | null }>('/api/ceb/receipts', {
      after: cursors[page],
      limit: PAGE_SIZE,
    })
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [cursors, page, pick]);

  const runExport = async () => {
    setExporting(0);
    try {
      const all: Receipt[] = [];
      let after: string | undefined;
      while (all.length < MAX_EXPORT_ROWS) {
        const r = await get<{ items: Receipt[]; next: string | null }>('/api/ceb/receipts', {
          after,
          limit: 200,
        });
        all.push(...r.items);
        setExporting(Math.min(99, all.length / 100));
        if (!r.next || r.items.length === 0) break;
        after = r.next;
      }
      await exportXlsx(
        t('nav.cebReceipts'),
        [
          { header: 'id', value: (r: Receipt) => r.id },
          { header: t('ceb.receiptType'), value: (r) => r.receiptType },
          { header: 'guid', value: (r) => r.guid },
          { header: t('ceb.returnStatus'), value: (r) => r.returnStatus },
          { header: t('ceb.issuedAt'), value: (r) => r.issuedAt },
        ],
        all,
      );
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card
      title={t('nav.cebReceipts')}
      data-testid="receipts-page"
      extra={
        exporting === null ? (
          <Button icon={<DownloadOutlined />} onClick={() => void runExport()}>
            {t('common.export')}
          </Button>
        ) : (
          <Progress percent={Math.round(exporting)} size="small" style={{ width: 160 }} />
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Receipt>
        rowKey="id"
        size="small"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={t('ceb.noReceiptsYet')} /> }}
        columns={[
          { title: t('ceb.receiptType'), dataIndex: 'receiptType' },
          { title: 'GUID', dataIndex: 'guid' },
          { title: t('ceb.returnStatus'), dataIndex: 'returnStatus' },
          { title: t('ceb.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatTime(v, lang) },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('common.prev')}
        </Button>
        <Typography.Text>{t('common.pageN', { n: page + 1 })}</Typography.Text>
        <Button
          disabled={!data?.next}
          onClick={() => {
            setCursors([...cursors.slice(0, page + 1), data?.next ?? undefined]);
            setPage(page + 1);
          }}
        >
          {t('common.next')}
        </Button>
      </Space>
      <Drawer width={720} open={open !== null} onClose={() => setOpen(null)} title={open?.receiptType}>
        {open && <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{open.xml}</pre>}
      </Drawer>
    </Card>
  );
}
