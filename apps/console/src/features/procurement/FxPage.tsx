import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { exportXlsx } from '../../shared/export-xlsx';
import { nameOf } from '../../shared/labels';
import { RecordFxForm } from './RecordFxForm';
import { DECLARATION_STATUS } from './types';

type FxReport = {
  partyId: string | null;
  dueDays: number;
  totals: {
    declarations: number;
    declaredUsd: string;
    collectedUsd: string;
    outstandingUsd: string;
    overdue: number;
    overCollected: number;
  };
  declarations: {
    declarationId: string;
    declarationNo: string;
    status: string;
    declaredUsd: string;
    collectedUsd: string;
    outstandingUsd: string;
    collections: number;
    overCollected: boolean;
    overdue: boolean;
  }[];
};

/** 收汇: FX collected against declared value, outstanding and overdue declarations. */
export default function FxPage({ me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const [partyId, setPartyId] = useState('');
  const [report, setReport] = useState<FxReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` re-reads the report after a credit is recorded
  useEffect(() => {
    setError(null);
    get<FxReport>('/api/procurement/fx/report', { partyId })
      .then(setReport)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [partyId, pick, reload]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!report) return <Card loading />;
  const declared = Number(report.totals.declaredUsd);
  const rate = declared > 0 ? Math.round((1000 * Number(report.totals.collectedUsd)) / declared) / 10 : 0;
  return (
    <Card
      title={t('nav.procFx')}
      data-testid="fx-page"
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('proc.partyFilter')}
            onSearch={(v) => setPartyId(v.trim())}
            style={{ width: 280 }}
          />
          {can(me, 'procurement:fx') && (
            <Button type="primary" style={{ marginLeft: 8 }} onClick={() => setRecording(true)}>
              {t('proc.recordFx')}
            </Button>
          )}
        </>
      }
    >
      <RecordFxForm
        open={recording}
        onClose={() => setRecording(false)}
        onDone={() => {
          setRecording(false);
          setReload((n) => n + 1);
        }}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={5}>
          <Statistic title={t('proc.fxRate')} value={rate} suffix="%" />
          <Progress percent={rate} showInfo={false} />
        </Col>
        <Col span={5}>
          <Statistic title={t('proc.declaredUsd')} value={report.totals.declaredUsd} />
        </Col>
        <Col span={5}>
          <Statistic title={t('proc.collectedUsd')} value={report.totals.collectedUsd} />
        </Col>
        <Col span={5}>
          <Statistic title={t('proc.outstandingUsd')} value={report.totals.outstandingUsd} />
        </Col>
        <Col span={4}>
          <Statistic
            title={t('proc.overdue', { days: report.dueDays })}
            value={report.totals.overdue}
            valueStyle={{ color: report.totals.overdue ? '#cf1322' : undefined }}
          />
        </Col>
      </Row>
      <Table
        rowKey="declarationId"
        size="small"
        dataSource={report.declarations}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        locale={{ emptyText: <Empty description={t('proc.noFx')} /> }}
        title={() => (
          <Typography.Link
            onClick={() =>
              void exportXlsx(
                t('nav.procFx'),
                [
                  {
                    header: t('proc.declarationNo'),
                    value: (r: FxReport['declarations'][number]) => r.declarationNo,
                  },
                  { header: t('proc.declaredUsd'), value: (r) => r.declaredUsd },
                  { header: t('proc.collectedUsd'), value: (r) => r.collectedUsd },
                  { header: t('proc.outstandingUsd'), value: (r) => r.outstandingUsd },
                  { header: t('proc.overdueFlag'), value: (r) => (r.overdue ? 'Y' : '') },
                ],
                report.declarations,
              )
            }
          >
            {t('common.export')}
          </Typography.Link>
        )}
        columns={[
          {
            title: t('proc.declarationNo'),
            dataIndex: 'declarationNo',
            render: (v: string, r) => (
              <Typography.Link onClick={() => navigate(`/procurement/declarations/${r.declarationId}`)}>
                {v}
              </Typography.Link>
            ),
          },
          {
            title: t('proc.status'),
            dataIndex: 'status',
            render: (s: string) => nameOf(DECLARATION_STATUS, s, lang),
          },
          { title: t('proc.declaredUsd'), dataIndex: 'declaredUsd', align: 'right' },
          { title: t('proc.collectedUsd'), dataIndex: 'collectedUsd', align: 'right' },
          { title: t('proc.outstandingUsd'), dataIndex: 'outstandingUsd', align: 'right' },
          { title: t('proc.collections'), dataIndex: 'collections' },
          {
            title: t('proc.flags'),
            render: (_, r) => (
              <>
                {r.overdue && <Tag color="red">{t('proc.overdueFlag')}</Tag>}
                {r.overCollected && <Tag color="orange">{t('proc.overCollected')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
