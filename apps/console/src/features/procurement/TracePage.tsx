import { Alert, Card, Descriptions, Empty, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { nameOf } from '../../shared/labels';
import { TraceGraph } from './TraceGraph';
import { DECLARATION_STATUS, type Trace } from './types';

/** 追溯: from a declaration number (the platform's or customs' 18-digit entry number) to everyone involved. */
export default function TracePage({ me }: PageProps) {
  const { t, lang, pick } = useI18n();
  const { search } = useLocation();
  const number = search.get('number') ?? '';
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setTrace(null);
    setError(null);
    if (!number) return;
    setLoading(true);
    get<Trace>(`/api/procurement/trace/declarations/${encodeURIComponent(number)}`)
      .then(setTrace)
      .catch((e: unknown) => setError(e instanceof ApiError ? pick(e.messages) : String(e)))
      .finally(() => setLoading(false));
  }, [number, pick]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="trace-page">
      <Card title={t('nav.procTrace')}>
        <Input.Search
          defaultValue={number}
          placeholder={t('proc.traceInput')}
          enterButton={t('proc.traceButton')}
          loading={loading}
          onSearch={(v) => navigate(`/procurement/trace?number=${encodeURIComponent(v.trim())}`)}
          style={{ maxWidth: 560 }}
          data-testid="trace-input"
        />
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {!number && <Empty description={t('proc.traceEmpty')} />}
      {trace && (
        <Card
          size="small"
          title={
            <Typography.Link onClick={() => navigate(`/procurement/declarations/${trace.declaration.id}`)}>
              {trace.declaration.declarationNo}
            </Typography.Link>
          }
        >
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('proc.status')}>
              {nameOf(DECLARATION_STATUS, trace.declaration.status, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('proc.valueUsd')}>
              {trace.declaration.totalValueUsd}
            </Descriptions.Item>
            <Descriptions.Item label={t('proc.container')}>
              {trace.container?.containerNo ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('proc.transactions')}>{trace.transactions.length}</Descriptions.Item>
          </Descriptions>
          <TraceGraph
            trace={trace}
            onOpenParty={(id) => can(me, 'parties:read') && navigate(`/parties/${id}`)}
          />
        </Card>
      )}
    </Space>
  );
}
