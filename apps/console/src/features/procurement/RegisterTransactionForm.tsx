import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { Me } from '../../app/session';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import { PAYMENT_METHODS, type Product } from './types';

type Values = {
  supplierId: string;
  operatorId: string;
  purchaserId: string;
  currency: string;
  paymentMethod: string;
  tradeDate?: { format: (f: string) => string };
  lines: { productId: string; quantity: string; unitPrice: string }[];
};
type Option = { value: string; label: string };
/** The API's decimal text: up to 14 digits, up to 6 decimals (procurement.schemas.ts DecimalText). */
const DECIMAL = /^\d{1,14}(\.\d{1,6})?$/;

/** Who the signed-in enterprise is in the registry (its own party), if it is one. */
export function ownPartyId(me: Me): string | undefined {
  const partyId = me.scope.partyId;
  return typeof partyId === 'string' ? partyId : undefined;
}

export function RegisterTransactionForm({
  me,
  open,
  onClose,
  onDone,
}: {
  me: Me;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useFormSubmit(form);
  const [operators, setOperators] = useState<Option[]>([]);
  const [purchasers, setPurchasers] = useState<Option[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const supplierId = Form.useWatch('supplierId', form);

  useEffect(() => {
    if (!open) return;
    get<Page<{ id: string; name: string }>>('/api/public/operators', { pageSize: 200 })
      .then((r) => setOperators(r.items.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => setOperators([]));
    // purchasers the caller may see: those in its purchaser files (operators) or in the registry (regulators)
    Promise.allSettled([
      get<Page<{ purchaserId: string; agreementNo: string }>>('/api/procurement/purchaser-files', {
        pageSize: 200,
      }),
      get<Page<{ id: string; name: string }>>('/api/parties', { kind: 'purchaser', pageSize: 200 }),
    ]).then(([files, parties]) => {
      const options = new Map<string, string>();
      if (parties.status === 'fulfilled')
        for (const p of parties.value.items) options.set(p.id, `${p.name} · ${p.id}`);
      if (files.status === 'fulfilled')
        for (const f of files.value.items)
          if (!options.has(f.purchaserId)) options.set(f.purchaserId, `${f.agreementNo} · ${f.purchaserId}`);
      setPurchasers([...options].map(([value, label]) => ({ value, label })));
    });
  }, [open]);

  useEffect(() => {
    if (!open || !supplierId) return setProducts([]);
    get<Page<Product>>('/api/procurement/products', { supplierId, pageSize: 200 })
      .then((r) => setProducts(r.items))
      .catch(() => setProducts([]));
  }, [open, supplierId]);

  const submit = () =>
    run(async (v) => {
      await post('/api/procurement/transactions', {
        supplierId: v.supplierId.trim(),
        operatorId: v.operatorId,
        purchaserId: v.purchaserId.trim(),
        currency: v.currency,
        paymentMethod: v.paymentMethod,
        ...(v.tradeDate ? { tradeDate: v.tradeDate.format('YYYY-MM-DD') } : {}),
        lines: v.lines.map((l) => ({
          productId: l.productId,
          quantity: l.quantity.trim(),
          unitPrice: l.unitPrice.trim(),
        })),
      });
      message.success(t('common.done'));
      form.resetFields();
      onDone();
    });

  const decimalRule = { pattern: DECIMAL, message: t('proc.decimalRule') };
  return (
    <FormModal
      open={open}
      title={t('proc.register')}
      width={820}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="registerTransaction"
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{
          supplierId: ownPartyId(me),
          currency: 'USD',
          paymentMethod: 'bank_transfer',
          lines: [{}],
        }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="supplierId"
              label={t('proc.supplier')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input disabled={me.organisationKind === 'enterprise' && !!ownPartyId(me)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="operatorId" label={t('proc.operator')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={operators} data-testid="operator-select" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="purchaserId"
              label={t('proc.purchaser')}
              rules={[{ required: true, whitespace: true }]}
              tooltip={t('proc.purchaserHint')}
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
          </Col>
          <Col span={6}>
            <Form.Item
              name="currency"
              label={t('proc.currency')}
              rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: 'ISO 4217' }]}
            >
              <Select options={['USD', 'CNY', 'EUR', 'HKD', 'AED'].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="paymentMethod" label={t('proc.paymentMethod')} rules={[{ required: true }]}>
              <Select
                options={Object.entries(PAYMENT_METHODS).map(([value, n]) => ({ value, label: n[lang] }))}
              />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="tradeDate" label={t('proc.tradeDate')} tooltip={t('proc.tradeDateHint')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('proc.lines')}</Typography.Text>
        {supplierId && products.length === 0 && (
          <Alert type="info" showIcon style={{ margin: '8px 0' }} message={t('proc.noProducts')} />
        )}
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, lines) =>
                lines?.length ? undefined : Promise.reject(new Error(t('proc.oneLine'))),
            },
          ]}
        >
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'productId']}
                    rules={[{ required: true, message: t('proc.product') }]}
                    style={{ width: 340 }}
                  >
                    <Select
                      placeholder={t('proc.product')}
                      showSearch
                      optionFilterProp="label"
                      options={products.map((p) => ({
                        value: p.id,
                        label: `${p.name} · HS ${p.hsCode} · ${p.referencePrice} ${p.currency}/${p.unit}`,
                      }))}
                      onChange={(id) => {
                        const product = products.find((p) => p.id === id);
                        if (product && !form.getFieldValue(['lines', field.name, 'unitPrice'])) {
                          form.setFieldValue(['lines', field.name, 'unitPrice'], product.referencePrice);
                        }
                      }}
                      data-testid="product-select"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    rules={[{ required: true, message: t('proc.quantity') }, decimalRule]}
                  >
                    <Input placeholder={t('proc.quantity')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitPrice']}
                    rules={[{ required: true, message: t('proc.unitPrice') }, decimalRule]}
                  >
                    <Input placeholder={t('proc.unitPrice')} style={{ width: 140 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button
                type="dashed"
                onClick={() => add({})}
                icon={<PlusOutlined />}
                disabled={fields.length >= 200}
              >
                {t('proc.addLine')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
