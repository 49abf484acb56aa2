import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { EVIDENCE_KINDS, EVIDENCE_SUBJECT_NAMES } from '@kouan/domain/evidence/event-kinds';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useLocation } from '../../app/router';
import { downloadFromApi } from '../../shared/download';
import { exportXlsx } from '../../shared/export-xlsx';
import { formatTime, kindName, subjectName } from '../../shared/labels';

export type EvidenceEntry = {
  index: number;
  kind: string;
  subjectType: string;
  subjectId: string;
  actorType: string;
  actorId: string;
  organisation: string | null;
  parties: string[];
  recordedAt: string;
  softwareVersion: string;
  leafHash: string;
  contentHash: string;
};

type Filters = { kind?: string; subjectType?: string; subjectId?: string };
const PAGE_SIZE = 20;
const MAX_EXPORT_ROWS = 10_000;
const API_MAX = 200;

export default function EvidencePage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { search } = useLocation();
  const [filters, setFilters] = useState<Filters>(() => ({
    kind: search.get('kind') ?? undefined,
    subjectType: search.get('subjectType') ?? undefined,
    subjectId: search.get('subjectId') ?? undefined,
  }));
  /** Cursor of each page seen: page n starts before cursors[n]. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<EvidenceEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<EvidenceEntry | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);

  const fetchEntries = useCallback(
    (beforeIndex: number | undefined, limit: number) =>
      get<{ items: EvidenceEntry[] }>('/api/evidence/entries', { ...filters, beforeIndex, limit }),
    [filters],
  );

  useEffect(() => {
    setLoading(true);
    setError(null);
    fetchEntries(cursors[page], PAGE_SIZE)
      .then((r) => setRows(r.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)))
      .finally(() => setLoading(false));
  }, [fetchEntries, cursors, page, pick]);

  const lookUp = async (index: number | null) => {
    if (index === null) return;
    try {
      setSelected(await get<EvidenceEntry>(`/api/evidence/entries/${index}`));
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    }
  };

  const download = async (entry: EvidenceEntry) => {
    try {
      await downloadFromApi(`/api/evidence/entries/${entry.index}/package`, `evidence-${entry.index}.json`);
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    }
  };

  const runExport = async () => {
    setExporting(0);
    try {
      const all: EvidenceEntry[] = [];
      let before: number | undefined;
      while (all.length < MAX_EXPORT_ROWS) {
        const { items } = await fetchEntries(before, API_MAX);
        all.push(...items);
        setExporting(Math.min(99, all.length / 100));
        if (items.length < API_MAX) break;
        before = items[items.length - 1]!.index;
      }
      await exportXlsx(
        t('nav.evidence'),
        [
          { header: t('evidence.index'), value: (r: EvidenceEntry) => r.index },
          { header: t('evidence.kind'), value: (r) => kindName(r.kind, lang) },
          { header: 'kind', value: (r) => r.kind },
          {
            header: t('evidence.subject'),
            value: (r) => `${subjectName(r.subjectType, lang)} ${r.subjectId}`,
          },
          { header: t('evidence.actor'), value: (r) => `${r.actorType}:${r.actorId}` },
          { header: t('evidence.recordedAt'), value: (r) => r.recordedAt },
          { header: t('evidence.leafHash'), value: (r) => r.leafHash },
        ],
        all,
      );
      message.success(t('common.exported', { n: all.length }));
    } catch (e) {
      message.error(e instanceof ApiError ? pick(e.messages) : String(e));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="evidence-page">
      <Card size="small">
        <Space wrap>
          <Typography.Text>{t('evidence.lookUp')}</Typography.Text>
          <InputNumber<number>
            min={0}
            precision={0}
            placeholder={t('evidence.index')}
            style={{ width: 160 }}
            onPressEnter={(e) => void lookUp(Number((e.target as HTMLInputElement).value))}
            data-testid="evidence-index"
          />
          <Typography.Text type="secondary">{t('evidence.lookUpHint')}</Typography.Text>
        </Space>
        <Form<Filters>
          layout="inline"
          initialValues={filters}
          style={{ marginTop: 12 }}
          onFinish={(values) => {
            setFilters({
              kind: values.kind || undefined,
              subjectType: values.subjectType || undefined,
              subjectId: values.subjectId || undefined,
            });
            setCursors([undefined]);
            setPage(0);
          }}
        >
          <Form.Item name="kind" label={t('evidence.kind')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              options={EVIDENCE_KINDS.map((k) => ({ value: k, label: kindName(k, lang) }))}
              data-testid="evidence-kind-filter"
            />
          </Form.Item>
          <Form.Item name="subjectType" label={t('evidence.subjectType')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              options={Object.keys(EVIDENCE_SUBJECT_NAMES).map((k) => ({
                value: k,
                label: subjectName(k, lang),
              }))}
            />
          </Form.Item>
          <Form.Item name="subjectId" label={t('evidence.subjectId')}>
            <Input allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      <Card
        size="small"
        title={t('nav.evidence')}
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
        <Table<EvidenceEntry>
          rowKey="index"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('evidence.empty')} /> }}
          onRow={(row) => ({ onClick: () => setSelected(row), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('evidence.index'), dataIndex: 'index', width: 90 },
            {
              title: t('evidence.kind'),
              dataIndex: 'kind',
              render: (v: string) => <span title={v}>{kindName(v, lang)}</span>,
            },
            {
              title: t('evidence.subject'),
              render: (_, r) => (
                <span title={r.subjectType}>{`${subjectName(r.subjectType, lang)} ${r.subjectId}`}</span>
              ),
            },
            { title: t('evidence.actor'), render: (_, r) => `${r.actorType}:${r.actorId}` },
            {
              title: t('evidence.recordedAt'),
              dataIndex: 'recordedAt',
              render: (v: string) => formatTime(v, lang),
            },
            {
              title: t('evidence.package'),
              render: (_, r) => (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    void download(r);
                  }}
                >
                  {t('evidence.download')}
                </Button>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('common.prev')}
          </Button>
          <Typography.Text>{t('common.pageN', { n: page + 1 })}</Typography.Text>
          <Button
            disabled={rows.length < PAGE_SIZE}
            onClick={() => {
              const next = [...cursors.slice(0, page + 1), rows[rows.length - 1]!.index];
              setCursors(next);
              setPage(page + 1);
            }}
          >
            {t('common.next')}
          </Button>
        </Space>
      </Card>
      <Drawer
        width={640}
        open={selected !== null}
        onClose={() => setSelected(null)}
        title={selected ? t('evidence.entryN', { n: selected.index }) : ''}
      >
        {selected && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('evidence.kind')}>
                {kindName(selected.kind, lang)} ({selected.kind})
              </Descriptions.Item>
              <Descriptions.Item
                label={t('evidence.subject')}
              >{`${selected.subjectType} / ${selected.subjectId}`}</Descriptions.Item>
              <Descriptions.Item
                label={t('evidence.actor')}
              >{`${selected.actorType}:${selected.actorId}`}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.organisation')}>
                {selected.organisation ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('evidence.recordedAt')}>
                {formatTime(selected.recordedAt, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('evidence.leafHash')}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {selected.leafHash}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('evidence.contentHash')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {selected.contentHash}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('evidence.softwareVersion')}>
                {selected.softwareVersion}
              </Descriptions.Item>
            </Descriptions>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              onClick={() => void download(selected)}
              data-testid="download-package"
            >
              {t('evidence.downloadPackage')}
            </Button>
            <Typography.Text type="secondary">{t('evidence.verifyHint')}</Typography.Text>
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
