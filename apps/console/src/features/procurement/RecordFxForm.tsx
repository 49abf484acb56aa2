import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { FormModal, useFormSubmit } from '../../shared/FormModal';

type Values = {
  declarationId: string;
  transactionId: string;
  bankReference: string;
  payerRole: 'operator' | 'supplier' | 'purchaser';
  amount: string;
  currency: string;
  creditedOn: { format: (f: string) => string };
};

/** 收汇登记: a credit the bank received for a declaration's transaction (limits as the API's FxInput). */
export function RecordFxForm({
  open,
  declarationId,
  onClose,
  onDone,
}: {
  open: boolean;
  declarationId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useFormSubmit(form);

  const submit = () =>
    run(async (v) => {
      await post('/api/procurement/fx-collections', {
        declarationId: v.declarationId.trim(),
        transactionId: v.transactionId.trim(),
        bankReference: v.bankReference.trim(),
        payerRole: v.payerRole,
        amount: v.amount.trim(),
        currency: v.currency,
        creditedOn: v.creditedOn.format('YYYY-MM-DD'),
      });
      message.success(t('common.done'));
      form.resetFields();
      onDone();
    });

  return (
    <FormModal
      open={open}
      title={t('proc.recordFx')}
      width={720}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="recordFx"
        form={form}
        layout="vertical"
        initialValues={{ declarationId, payerRole: 'operator', currency: 'USD' }}
        onValuesChange={() => setError(null)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="declarationId"
              label={t('proc.declaration')}
              rules={[{ required: true, whitespace: true, max: 64 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="transactionId"
              label={t('proc.transaction')}
              rules={[{ required: true, whitespace: true, max: 64 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="bankReference"
              label={t('proc.bankReference')}
              rules={[{ required: true, whitespace: true, max: 64 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="payerRole" label={t('proc.payerRole')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'operator', label: t('proc.operator') },
                  { value: 'supplier', label: t('proc.supplier') },
                  { value: 'purchaser', label: t('proc.purchaser') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="amount"
              label={t('proc.amount')}
              rules={[{ required: true, pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('proc.amountRule') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="currency"
              label={t('proc.currency')}
              rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: 'ISO 4217' }]}
            >
              <Select options={['USD', 'CNY', 'EUR', 'HKD', 'AED'].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="creditedOn" label={t('proc.creditedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
