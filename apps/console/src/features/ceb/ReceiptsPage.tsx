import { DownloadOutlined } from '@ant-design/icons';
import { CEB_RECEIPT_NAMES } from '@kouan/domain/ceb/field-labels';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { exportXlsx } from '../../shared/export-xlsx';
import { formatTime } from '../../shared/labels';
import { receiptInfo, receiptName, receiptSubject, returnStatusLabel } from './labels';
import { ReturnStatusTag } from './ReturnStatusTag';

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
/** The receipts the platform issues and keeps (a CEB900 is only answered, never kept), as a filter. */
const RECEIPT_TYPES = Object.keys(CEB_RECEIPT_NAMES).filter((type) => type !== 'CEB900Message');

/**
 * 回执: receipts addressed to the signed-in enterprise (or all, for regulators), newest first, paged
 * by id; filtered by receipt type or to errors only.
 */
export default function ReceiptsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ items: Receipt[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Receipt | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);
  const [receiptType, setReceiptType] = useState<string | undefined>(undefined);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const filters = useMemo(
    () => ({ order: 'desc', receiptType, errorsOnly: errorsOnly || undefined }),
    [receiptType, errorsOnly],
  );
  const refilter = (apply: () => void) => {
    apply();
    setCursors([undefined]);
    setPage(0);
  };

  useEffect(() => {
    setData(null);
    setError(null);
    get<{ items: Receipt[]; next: string | null }>('/api/ceb/receipts', {
      ...filters,
      after: cursors[page],
      limit: PAGE_SIZE,
    })
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [cursors, page, pick, filters]);

  const runExport = async () => {
    setExporting(0);
    try {
      const all: Receipt[] = [];
      let after: string | undefined;
      while (all.length < MAX_EXPORT_ROWS) {
        const r = await get<{ items: Receipt[]; next: string | null }>('/api/ceb/receipts', {
          ...filters,
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
          { header: t('ceb.receiptType'), value: (r) => receiptName(r.receiptType, lang) },
          { header: t('ceb.subjectNo'), value: (r) => receiptSubject(r.json) },
          { header: t('ceb.returnStatus'), value: (r) => returnStatusLabel(r.returnStatus, lang) },
          { header: t('ceb.returnInfo'), value: (r) => receiptInfo(r.json) },
          { header: t('ceb.issuedAt'), value: (r) => formatTime(r.issuedAt, lang) },
          { header: 'guid', value: (r) => r.guid },
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
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          style={{ width: 260 }}
          placeholder={t('ceb.receiptFilter')}
          value={receiptType}
          onChange={(v: string | undefined) => refilter(() => setReceiptType(v))}
          options={RECEIPT_TYPES.map((type) => ({ value: type, label: receiptName(type, lang) }))}
          data-testid="receipt-type-filter"
        />
        <Checkbox
          checked={errorsOnly}
          onChange={(e) => refilter(() => setErrorsOnly(e.target.checked))}
          data-testid="errors-only"
        >
          {t('ceb.errorsOnly')}
        </Checkbox>
        <Typography.Text type="secondary">{t('ceb.newestFirst')}</Typography.Text>
      </Space>
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
          {
            title: t('ceb.receiptType'),
            dataIndex: 'receiptType',
            render: (v: string) => receiptName(v, lang),
          },
          { title: t('ceb.subjectNo'), render: (_, r) => receiptSubject(r.json) || '—' },
          {
            title: t('ceb.returnStatus'),
            dataIndex: 'returnStatus',
            width: 220,
            render: (v: string) => <ReturnStatusTag status={v} />,
          },
          {
            title: t('ceb.returnInfo'),
            render: (_, r) => (
              <Typography.Text
                style={{ fontSize: 12, whiteSpace: 'pre-line' }}
                ellipsis={{ tooltip: receiptInfo(r.json) }}
                data-testid="receipt-info"
              >
                {receiptInfo(r.json) || '—'}
              </Typography.Text>
            ),
          },
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
      <Drawer
        width={720}
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `${receiptName(open.receiptType, lang)} · ${open.guid}` : ''}
      >
        {open && <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{open.xml}</pre>}
      </Drawer>
    </Card>
  );
}
