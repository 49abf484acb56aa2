import { Card, Col, Empty, Progress, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Chart, type ChartOption } from '../../shared/Chart';
import { nameOf } from '../../shared/labels';
import { returnStatusLabel } from '../ceb/labels';
import { INVENTORY_STATUS } from '../ceb/types';
import { DECLARATION_STATUS } from '../procurement/types';
import type { DashboardSummary } from './DashboardPage';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0);

/** A chart axis label cut to `max` characters (the tooltip and the list give the whole text). */
function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function bars(labels: string[], values: number[], color: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 22 }],
  };
}

/** The two trade flows on the dashboard: CBEC sets and market-procurement declarations, with drill-down. */
export function ExtraPanels({ data }: { data: DashboardSummary }) {
  const { t, lang } = useI18n();
  const ceb = data.ceb;
  const proc = data.procurement;
  const charts = useMemo(
    () => ({
      inventories: bars(
        (ceb?.inventoriesByStatusMonth ?? []).map((r) => nameOf(INVENTORY_STATUS, r.key, lang)),
        (ceb?.inventoriesByStatusMonth ?? []).map((r) => r.count),
        '#1d5fbf',
      ),
      rejections: bars(
        (ceb?.rejectionsByCode ?? []).map((r) => shorten(returnStatusLabel(r.key, lang), 24)),
        (ceb?.rejectionsByCode ?? []).map((r) => r.count),
        '#cf1322',
      ),
      zone: bars(
        proc.valueByZone.map((r) => r.key),
        proc.valueByZone.map((r) => Number(r.valueUsd)),
        '#13a8a8',
      ),
      country: bars(
        proc.valueByCountry.map((r) => r.key),
        proc.valueByCountry.map((r) => Number(r.valueUsd)),
        '#d48806',
      ),
    }),
    [ceb, proc, lang],
  );
  const cleared = proc.declarationsByStatus.find((r) => r.key === 'released')?.count ?? 0;
  const declarations = proc.declarationsByStatus.reduce((n, r) => n + r.count, 0);
  const fxRate = percent(Number(proc.fx.collectedUsd), Number(proc.fx.declaredUsd));
  return (
    <>
      {ceb && (
        <>
          <Col span={6}>
            <Card hoverable onClick={() => navigate('/ceb/inventories')}>
              <Statistic
                title={t('dashboard.cebDeclared')}
                value={ceb.declared}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('dashboard.today', {
                      n: ceb.inventoriesByStatusToday.reduce((n, r) => n + r.count, 0),
                    })}
                  </Typography.Text>
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card hoverable onClick={() => navigate('/ceb/inventories?status=2')}>
              <Statistic
                title={t('dashboard.matchRate')}
                value={percent(ceb.matched, ceb.declared)}
                suffix="%"
              />
              <Progress percent={percent(ceb.matched, ceb.declared)} showInfo={false} size="small" />
            </Card>
          </Col>
          <Col span={6}>
            <Card hoverable onClick={() => navigate('/ceb/inventories?status=100')}>
              <Statistic
                title={t('dashboard.quotaRefusals')}
                value={ceb.quotaRefusals}
                valueStyle={{ color: ceb.quotaRefusals ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
        </>
      )}
      <Col span={ceb ? 6 : 12}>
        <Card hoverable onClick={() => navigate('/procurement/fx')}>
          <Statistic title={t('dashboard.fxRate')} value={fxRate} suffix="%" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dashboard.declarationsCleared', { n: cleared, total: declarations })}
          </Typography.Text>
        </Card>
      </Col>
      {ceb && (
        <>
          <Col span={12}>
            <Card
              title={t('dashboard.cebByStatus')}
              extra={<Typography.Text type="secondary">{t('dashboard.clickToDrill')}</Typography.Text>}
            >
              {ceb.inventoriesByStatusMonth.length ? (
                <Chart
                  testId="chart-ceb-status"
                  option={charts.inventories}
                  height={240}
                  onClick={(item) => {
                    const key = ceb.inventoriesByStatusMonth[item.dataIndex]?.key;
                    if (key) navigate(`/ceb/inventories?status=${encodeURIComponent(key)}`);
                  }}
                />
              ) : (
                <Empty description={t('dashboard.noCeb')} />
              )}
            </Card>
          </Col>
          <Col span={12}>
            <Card title={t('dashboard.rejectionsByCode')}>
              {ceb.rejectionsByCode.length ? (
                <Chart
                  option={charts.rejections}
                  height={240}
                  onClick={() => navigate('/ceb/inventories?status=100')}
                />
              ) : (
                <Empty description={t('dashboard.noRejections')} />
              )}
            </Card>
          </Col>
        </>
      )}
      <Col span={12}>
        <Card title={t('dashboard.valueByZone')}>
          {proc.valueByZone.length ? (
            <Chart option={charts.zone} height={240} onClick={() => navigate('/procurement/declarations')} />
          ) : (
            <Empty description={t('dashboard.noDeclarations')} />
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card title={t('dashboard.valueByCountry')}>
          {proc.valueByCountry.length ? (
            <Chart
              option={charts.country}
              height={240}
              onClick={() => navigate('/procurement/declarations')}
            />
          ) : (
            <Empty description={t('dashboard.noDeclarations')} />
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {proc.declarationsByStatus
            .map((r) => `${nameOf(DECLARATION_STATUS, r.key, lang)} ${r.count}`)
            .join(' · ')}
        </Typography.Text>
      </Col>
    </>
  );
}
