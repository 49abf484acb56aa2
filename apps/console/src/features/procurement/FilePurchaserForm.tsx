import { App, AutoComplete, Col, DatePicker, Form, Input, Row } from 'antd';
import { useEffect, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { Me } from '../../app/session';
import { FileDigestItem } from '../../shared/FileDigestItem';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import { ownPartyId } from './RegisterTransactionForm';

type Day = { format: (f: string) => string; isBefore: (other: Day, unit: 'day') => boolean };
type Values = {
  operatorId: string;
  purchaserId: string;
  number: string;
  sha256: string;
  signedOn: Day;
  validUntil?: Day;
};

/** 采购商档案: an operator files a purchaser with the entrustment (agency export) agreement they signed. */
export function FilePurchaserForm({
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
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useFormSubmit(form);
  const [purchasers, setPurchasers] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!open) return;
    get<Page<{ id: string; name: string }>>('/api/parties', { kind: 'purchaser', pageSize: 200 })
      .then((r) => setPurchasers(r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.id}` }))))
      .catch(() => setPurchasers([]));
  }, [open]);

  const submit = () =>
    run(async (v) => {
      await post('/api/procurement/purchaser-files', {
        operatorId: v.operatorId.trim(),
        purchaserId: v.purchaserId.trim(),
        agreement: {
          number: v.number.trim(),
          sha256: v.sha256.trim().toLowerCase(),
          signedOn: v.signedOn.format('YYYY-MM-DD'),
          ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
        },
      });
      message.success(t('common.done'));
      form.resetFields();
      onDone();
    });

  return (
    <FormModal
      open={open}
      title={t('pf.create')}
      width={720}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="filePurchaser"
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{ operatorId: ownPartyId(me) }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="operatorId"
              label={t('proc.operator')}
              rules={[{ required: true, whitespace: true }, { max: 64 }]}
            >
              <Input disabled={me.organisationKind === 'enterprise' && !!ownPartyId(me)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="purchaserId"
              label={t('proc.purchaser')}
              tooltip={t('pf.purchaserHint')}
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
          </Col>
          <Col span={12}>
            <Form.Item
              name="number"
              label={t('pf.agreementNo')}
              rules={[{ required: true, whitespace: true }, { max: 64 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <FileDigestItem
              form={form}
              name="sha256"
              label={t('pf.agreementFile')}
              requiredMessage={t('pf.agreementFileRequired')}
            />
          </Col>
          <Col span={12}>
            <Form.Item name="signedOn" label={t('pf.signedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="validUntil"
              label={t('pf.validUntil')}
              dependencies={['signedOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value?: Day) => {
                    const signed = getFieldValue('signedOn') as Day | undefined;
                    if (value && signed && value.isBefore(signed, 'day'))
                      throw new Error(t('pf.validBeforeSigned'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
