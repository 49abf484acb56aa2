import { Alert, App, AutoComplete, Form, Progress, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import type { Container, Declaration } from './types';

/** 生成报关单: the server splits a container at the USD limit; this shows the parts it made. */
export function GenerateDeclarationsModal({
  container,
  onClose,
}: {
  container: Container | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ brokerId: string }>();
  const { busy, error, setError, run } = useFormSubmit(form);
  const [brokers, setBrokers] = useState<{ value: string; label: string }[]>([]);
  const [result, setResult] = useState<Declaration[] | null>(null);

  useEffect(() => {
    setResult(null);
    setError(null);
    if (!container) return;
    get<Page<{ id: string; name: string }>>('/api/parties', { kind: 'customs_broker', pageSize: 200 })
      .then((r) => setBrokers(r.items.map((b) => ({ value: b.id, label: `${b.name} · ${b.id}` }))))
      .catch(() => setBrokers([]));
  }, [container, setError]);

  const submit = async () => {
    if (result) return onClose();
    await run(async ({ brokerId }) => {
      const r = await post<{ items: Declaration[] }>(
        `/api/procurement/containers/${container!.id}/declarations`,
        { brokerId: brokerId.trim() },
      );
      setResult(r.items);
      message.success(t('proc.generated', { n: r.items.length }));
    });
  };

  return (
    <FormModal
      open={container !== null}
      width={860}
      title={`${t('proc.generate')} · ${container?.containerNo ?? ''}`}
      okText={result ? t('common.close') : t('proc.generate')}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      {busy && <Progress percent={99} status="active" showInfo={false} />}
      {!result ? (
        <Form form={form} name="generateDeclarations" layout="vertical">
          <Typography.Paragraph type="secondary">{t('proc.generateHint')}</Typography.Paragraph>
          <Form.Item
            name="brokerId"
            label={t('proc.broker')}
            rules={[{ required: true, whitespace: true }]}
            tooltip={t('proc.brokerHint')}
          >
            <AutoComplete
              options={brokers}
              filterOption={(input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
        </Form>
      ) : (
        <div data-testid="split-result">
          <Alert
            type={result.length > 1 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            message={t('proc.splitSummary', { n: result.length, limit: result[0]?.limitUsd ?? '' })}
          />
          <Table<Declaration>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result}
            columns={[
              {
                title: t('proc.declarationNo'),
                dataIndex: 'declarationNo',
                render: (v: string, d) => (
                  <Typography.Link onClick={() => navigate(`/procurement/declarations/${d.id}`)}>
                    {v}
                  </Typography.Link>
                ),
              },
              { title: t('proc.part'), render: (_, d) => `${d.part.index} / ${d.part.count}` },
              { title: t('proc.purchaser'), render: (_, d) => d.purchaser.name },
              { title: t('proc.valueUsd'), dataIndex: 'totalValueUsd', align: 'right' },
              {
                title: t('proc.simplified'),
                render: (_, d) =>
                  d.simplified ? <Tag color="green">{t('proc.yes')}</Tag> : <Tag>{t('proc.no')}</Tag>,
              },
              { title: t('proc.lineCount'), render: (_, d) => d.lines.length },
            ]}
          />
        </div>
      )}
    </FormModal>
  );
}
