import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Alert, App, AutoComplete, Button, Form, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { PageProps } from '../../app/routes';
import { can } from '../../app/session';
import { showApiError } from '../../shared/api-form';
import { formatTime } from '../../shared/labels';
import { PagedTable } from '../../shared/PagedTable';
import { partyColumns } from './party-column';
import type { BadPurchaser } from './types';

type Change = { action: 'add' } | { action: 'remove'; purchaserId: string; purchaserName?: string };
type Values = { purchaserId: string; reason: string };

/** Add a purchaser to, or take one off, the list; the reason is kept in the list's history. */
function ChangeModal({
  change,
  onClose,
  onDone,
}: {
  change: Change | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [purchasers, setPurchasers] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    setError(null);
    if (change?.action !== 'add') return;
    get<Page<{ id: string; name: string }>>('/api/parties', { kind: 'purchaser', pageSize: 200 })
      .then((r) => setPurchasers(r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.id}` }))))
      .catch(() => setPurchasers([]));
  }, [change]);

  const submit = async () => {
    if (!change) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await post('/api/procurement/bad-purchasers', {
        purchaserId: change.action === 'remove' ? change.purchaserId : v.purchaserId.trim(),
        action: change.action,
        reason: v.reason.trim(),
      });
      message.success(t('common.done'));
      form.resetFields();
      onDone();
    } catch (e) {
      setError(showApiError(form, e, pick));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={change !== null}
      title={change?.action === 'remove' ? t('bad.remove') : t('bad.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ danger: change?.action === 'add' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      )}
      <Form<Values>
        name="badPurchaser"
        form={form}
        layout="vertical"
        preserve={false}
        onValuesChange={() => setError(null)}
      >
        {change?.action === 'remove' ? (
          <Form.Item label={t('proc.purchaser')}>
            <Input disabled value={change.purchaserName ?? change.purchaserId} title={change.purchaserId} />
          </Form.Item>
        ) : (
          <Form.Item
            name="purchaserId"
            label={t('proc.purchaser')}
            rules={[{ required: true, whitespace: true }, { max: 64 }]}
          >
            <AutoComplete
              options={purchasers}
              filterOption={(input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('bad.reason')}
          rules={[{ required: true, whitespace: true, message: t('bad.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 不良采购商名单: purchasers no operator may sell to; commerce and market regulators keep it. */
export default function BadPurchasersPage({ me }: PageProps) {
  const { t, lang } = useI18n();
  const [change, setChange] = useState<Change | null>(null);
  const table = useRef<ActionType>(undefined);
  const mayChange = can(me, 'procurement:lists');
  const columns: ProColumns<BadPurchaser>[] = [
    ...partyColumns<BadPurchaser>(t('proc.purchaser'), 'purchaserName', 'purchaserId'),
    { title: t('bad.reason'), dataIndex: 'reason' },
    { title: t('bad.listedAt'), dataIndex: 'listedAt', render: (_, r) => formatTime(r.listedAt, lang) },
    { title: t('bad.listedBy'), dataIndex: 'listedBy' },
    ...(mayChange
      ? [
          {
            title: t('bad.actions'),
            valueType: 'option' as const,
            render: (_: unknown, r: BadPurchaser) => (
              <Button
                type="link"
                size="small"
                onClick={() =>
                  setChange({
                    action: 'remove',
                    purchaserId: r.purchaserId,
                    ...(r.purchaserName ? { purchaserName: r.purchaserName } : {}),
                  })
                }
                data-testid="remove-bad-purchaser"
              >
                {t('bad.remove')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <ChangeModal
        change={change}
        onClose={() => setChange(null)}
        onDone={() => {
          setChange(null);
          table.current?.reload();
        }}
      />
      <PagedTable<BadPurchaser>
        testId="bad-purchasers-table"
        rowKey="purchaserId"
        search={false}
        actionRef={table}
        columns={columns}
        exportName={t('nav.procBadPurchasers')}
        fetchPage={(query) => get<Page<BadPurchaser>>('/api/procurement/bad-purchasers', query)}
        emptyText={t('bad.empty')}
        toolbar={
          mayChange
            ? [
                <Button
                  key="add"
                  danger
                  icon={<PlusOutlined />}
                  onClick={() => setChange({ action: 'add' })}
                  data-testid="add-bad-purchaser"
                >
                  {t('bad.add')}
                </Button>,
              ]
            : []
        }
      />
    </>
  );
}
