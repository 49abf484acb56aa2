import { Alert, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Chart, type ChartOption } from '../../shared/Chart';
import {
  kindName,
  nameOf,
  PARTY_KIND_NAMES,
  PARTY_STATUS_NAMES,
  RECOGNITION_NAMES,
} from '../../shared/labels';
import { ExtraPanels } from './extra-panels';

type Count = { key: string; count: number };
export type DashboardSummary = {
  generatedAt: string;
  today: string;
  parties: { byKind: Count[]; byStatus: Count[]; byRecognition: Count[]; byZone: Count[] };
  evidence: {
    total: number;
    today: number;
    thisMonth: number;
    byKindThisMonth: Count[];
    byDay: { day: string; count: number }[];
  };
  ceb: {
    inventoriesByStatusToday: Count[];
    inventoriesByStatusMonth: Count[];
    matched: number;
    declared: number;
    rejectionsByCode: Count[];
    quotaRefusals: number;
  } | null;
  procurement: {
    declarationsByStatus: (Count & { valueUsd: string })[];
    valueByZone: (Count & { valueUsd: string })[];
    valueByCountry: (Count & { valueUsd: string })[];
    fx: { declaredUsd: string; collectedUsd: string };
  };
};

function bar(labels: string[], values: number[], color = '#1d5fbf'): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 22 }],
  };
}

function pie(items: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        data: items,
        label: { formatter: '{b}: {c}' },
      },
    ],
  };
}

export default function DashboardPage() {
  const { t, lang, pick } = useI18n();
  const [data, setData] = useState<DashboardSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<DashboardSummary>('/api/dashboard/summary')
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [pick]);

  const charts = useMemo(() => {
    if (!data) return null;
    const kinds = data.parties.byKind;
    return {
      kind: bar(
        kinds.map((k) => nameOf(PARTY_KIND_NAMES, k.key, lang)),
        kinds.map((k) => k.count),
      ),
      status: pie(
        data.parties.byStatus.map((s) => ({
          name: nameOf(PARTY_STATUS_NAMES, s.key, lang),
          value: s.count,
          key: s.key,
        })),
      ),
      recognition: pie(
        data.parties.byRecognition.map((s) => ({
          name: nameOf(RECOGNITION_NAMES, s.key, lang),
          value: s.count,
          key: s.key,
        })),
      ),
      zone: bar(
        data.parties.byZone.map((z) => z.key),
        data.parties.byZone.map((z) => z.count),
        '#13a8a8',
      ),
      days: {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.evidence.byDay.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'line', smooth: true, areaStyle: {}, data: data.evidence.byDay.map((d) => d.count) },
        ],
      } as ChartOption,
      evidenceKinds: bar(
        data.evidence.byKindThisMonth.map((k) => kindName(k.key, lang)),
        data.evidence.byKindThisMonth.map((k) => k.count),
        '#722ed1',
      ),
    };
  }, [data, lang]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data || !charts) return <Card loading />;
  const totalParties = data.parties.byKind.reduce((s, k) => s + k.count, 0);
  const pending = data.parties.byRecognition.find((r) => r.key === 'pending')?.count ?? 0;
  const keyOf = (list: Count[], index: number) => list[index]?.key;

  return (
    <div data-testid="dashboard">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('dashboard.title')}
        <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 12 }}>
          {t('dashboard.asOf', { day: data.today })}
        </Typography.Text>
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col span={6}>
          <Card hoverable onClick={() => navigate('/parties')}>
            <Statistic title={t('dashboard.partiesTotal')} value={totalParties} />
          </Card>
        </Col>
        <Col span={6}>
          <Card hoverable onClick={() => navigate('/parties?recognition=pending')}>
            <Statistic
              title={t('dashboard.pendingRecognition')}
              value={pending}
              valueStyle={{ color: pending ? '#d46b08' : undefined }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card hoverable onClick={() => navigate('/evidence')}>
            <Statistic title={t('dashboard.evidenceToday')} value={data.evidence.today} />
          </Card>
        </Col>
        <Col span={6}>
          <Card hoverable onClick={() => navigate('/evidence')}>
            <Statistic
              title={t('dashboard.evidenceMonth')}
              value={data.evidence.thisMonth}
              suffix={`/ ${data.evidence.total.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}`}
            />
          </Card>
        </Col>
        <ExtraPanels data={data} />
        <Col span={12}>
          <Card
            title={t('dashboard.partiesByKind')}
            extra={<Typography.Text type="secondary">{t('dashboard.clickToDrill')}</Typography.Text>}
          >
            {totalParties ? (
              <Chart
                testId="chart-parties-by-kind"
                option={charts.kind}
                onClick={(item) => {
                  const key = keyOf(data.parties.byKind, item.dataIndex);
                  if (key) navigate(`/parties?kind=${key}`);
                }}
              />
            ) : (
              <Empty description={t('dashboard.noParties')} />
            )}
          </Card>
        </Col>
        <Col span={6}>
          <Card title={t('dashboard.partiesByStatus')}>
            <Chart
              option={charts.status}
              onClick={(item) => {
                const key = keyOf(data.parties.byStatus, item.dataIndex);
                if (key) navigate(`/parties?status=${key}`);
              }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card title={t('dashboard.recognition')}>
            <Chart
              option={charts.recognition}
              onClick={(item) => {
                const key = keyOf(data.parties.byRecognition, item.dataIndex);
                if (key && key !== 'none') navigate(`/parties?recognition=${key}`);
              }}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('dashboard.evidenceByDay')}>
            <Chart option={charts.days} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('dashboard.evidenceByKind')}>
            {data.evidence.byKindThisMonth.length ? (
              <Chart
                option={charts.evidenceKinds}
                onClick={(item) => {
                  const key = keyOf(data.evidence.byKindThisMonth, item.dataIndex);
                  if (key) navigate(`/evidence?kind=${encodeURIComponent(key)}`);
                }}
              />
            ) : (
              <Empty description={t('dashboard.noEvidence')} />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('dashboard.partiesByZone')}>
            {data.parties.byZone.length ? (
              <Chart option={charts.zone} height={220} />
            ) : (
              <Empty description={t('dashboard.noZones')} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
