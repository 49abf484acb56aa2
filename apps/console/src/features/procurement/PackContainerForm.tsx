import { App, Col, Empty, Form, Input, Row, Spin, Table } from 'antd';
import { useEffect, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { Me } from '../../app/session';
import { showApiError } from '../../shared/api-form';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import { ownPartyId } from './RegisterTransactionForm';
import type { Container, Transaction, TransactionDetail } from './types';

type Values = {
  operatorId: string;
  containerNo: string;
  sealNo: string;
  grossWeightKg: string;
  netWeightKg: string;
};
type PackableLine = TransactionDetail['lines'][number] & {
  transactionId: string;
  supplierId: string;
  remaining: number;
};
/** Registered transactions the form offers at once (the operator packs from the oldest). */
const MAX_TRANSACTIONS_OFFERED = 50;
const DECIMAL = /^\d{1,14}(\.\d{1,6})?$/;

export function PackContainerForm({
  me,
  open,
  onClose,
  onDone,
}: {
  me: Me;
  open: boolean;
  onClose: () => void;
  onDone: (c: Container) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useFormSubmit(form);
  const [lines, setLines] = useState<PackableLine[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const operatorId = ownPartyId(me);

  useEffect(() => {
    if (!open) return;
    setLines(null);
    setSelected([]);
    (async () => {
      const page = await get<Page<Transaction>>('/api/procurement/transactions', {
        status: 'registered',
        ...(operatorId ? { operatorId } : {}),
        pageSize: MAX_TRANSACTIONS_OFFERED,
      });
      const details = await Promise.all(
        page.items.map((tx) => get<TransactionDetail>(`/api/procurement/transactions/${tx.id}`)),
      );
      setLines(
        details.flatMap((d) =>
          d.lines
            .map((l) => ({
              ...l,
              transactionId: d.id,
              supplierId: d.supplierId,
              remaining: Number(l.quantity) - Number(l.packedQuantity),
            }))
            .filter((l) => l.remaining > 0),
        ),
      );
    })().catch((e: unknown) => {
      setLines([]);
      setError(showApiError(form, e, pick));
    });
  }, [open, operatorId, form, pick, setError]);

  const submit = () =>
    run(async (v) => {
      if (selected.length === 0) {
        setError(t('proc.selectLines'));
        return;
      }
      const container = await post<Container>('/api/procurement/containers', {
        operatorId: v.operatorId.trim(),
        containerNo: v.containerNo.trim().toUpperCase(),
        sealNo: v.sealNo.trim(),
        grossWeightKg: v.grossWeightKg.trim(),
        netWeightKg: v.netWeightKg.trim(),
        lines: selected.map((transactionLineId) => ({ transactionLineId })),
      });
      message.success(t('proc.packed.done', { n: container.containerNo }));
      form.resetFields();
      onDone(container);
    });

  return (
    <FormModal
      open={open}
      title={t('proc.pack')}
      width={960}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="packContainer"
        form={form}
        layout="vertical"
        initialValues={{ operatorId }}
        onValuesChange={() => setError(null)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="operatorId"
              label={t('proc.operator')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input disabled={!!operatorId} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="containerNo"
              label={t('proc.containerNo')}
              tooltip={t('proc.containerNoHint')}
              rules={[{ required: true, pattern: /^[A-Za-z]{4}\d{7}$/, message: t('proc.containerNoRule') }]}
            >
              <Input placeholder="CSQU3054383" maxLength={11} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="sealNo"
              label={t('proc.sealNo')}
              rules={[{ required: true, whitespace: true, max: 32 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="grossWeightKg"
              label={t('proc.grossKg')}
              rules={[{ required: true, pattern: DECIMAL, message: t('proc.decimalRule') }]}
            >
              <Input suffix="kg" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="netWeightKg"
              label={t('proc.netKg')}
              dependencies={['grossWeightKg']}
              rules={[
                { required: true, pattern: DECIMAL, message: t('proc.decimalRule') },
                ({ getFieldValue }) => ({
                  validator: async (_, value) =>
                    value && Number(value) > Number(getFieldValue('grossWeightKg'))
                      ? Promise.reject(new Error(t('proc.netOverGross')))
                      : undefined,
                }),
              ]}
            >
              <Input suffix="kg" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Input.Search
        allowClear
        placeholder={t('proc.filterLines')}
        onChange={(e) => setFilter(e.target.value.trim().toLowerCase())}
        style={{ width: 320, marginBottom: 8 }}
      />
      {lines === null ? (
        <Spin />
      ) : (
        <Table<PackableLine>
          rowKey="id"
          size="small"
          dataSource={lines.filter(
            (l) =>
              !filter ||
              `${l.productName} ${l.transactionId} ${l.supplierId} ${l.hsCode}`
                .toLowerCase()
                .includes(filter),
          )}
          pagination={{ pageSize: 8 }}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelected(keys.map(String)),
          }}
          locale={{ emptyText: <Empty description={t('proc.nothingToPack')} /> }}
          columns={[
            { title: t('proc.transaction'), dataIndex: 'transactionId' },
            { title: t('proc.supplier'), dataIndex: 'supplierId' },
            { title: t('proc.product'), dataIndex: 'productName' },
            { title: 'HS', dataIndex: 'hsCode' },
            { title: t('proc.remaining'), render: (_, l) => `${l.remaining} ${l.unit}` },
            { title: t('proc.amount'), dataIndex: 'amount' },
          ]}
        />
      )}
    </FormModal>
  );
}
