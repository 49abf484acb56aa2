import { App, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { get, type Page, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { Me } from '../../app/session';
import { FileDigestItem } from '../../shared/FileDigestItem';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import { ownPartyId } from './RegisterTransactionForm';

type Values = {
  supplierId: string;
  name: string;
  hsCode: string;
  unit: string;
  referencePrice: string;
  currency: string;
  brand?: string;
  /** the authorisation record's reference (its number); the API's /brandAuthorisation */
  brandAuthorisation?: string;
  sha256?: string;
  manufacturerId?: string;
};
type Option = { value: string; label: string };
/** The API's limits (procurement.schemas.ts ProductInput). */
const DECIMAL = /^\d{1,14}(\.\d{1,6})?$/;
const HS_CODE = /^\d{6,10}$/;
const UNITS = ['个', '件', '双', '套', '只', '条', '台', '千克', '米', '箱'];

/** 供货商商品登记: a supplier lists goods in its catalogue; branded goods carry the brand owner's authorisation. */
export function RegisterProductForm({
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
  const [manufacturers, setManufacturers] = useState<Option[]>([]);
  const brand = Form.useWatch('brand', form);
  const branded = typeof brand === 'string' && brand.trim() !== '';

  useEffect(() => {
    if (!open) return;
    get<Page<{ id: string; name: string }>>('/api/parties', { kind: 'manufacturer', pageSize: 200 })
      .then((r) => setManufacturers(r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.id}` }))))
      .catch(() => setManufacturers([]));
  }, [open]);

  const submit = () =>
    run(async (v) => {
      const brandName = v.brand?.trim();
      await post('/api/procurement/products', {
        supplierId: v.supplierId.trim(),
        name: v.name.trim(),
        hsCode: v.hsCode.trim(),
        unit: v.unit.trim(),
        referencePrice: v.referencePrice.trim(),
        currency: v.currency,
        ...(brandName
          ? {
              brand: brandName,
              brandAuthorisation: {
                reference: (v.brandAuthorisation ?? '').trim(),
                sha256: (v.sha256 ?? '').trim().toLowerCase(),
              },
            }
          : {}),
        ...(v.manufacturerId?.trim() ? { manufacturerId: v.manufacturerId.trim() } : {}),
      });
      message.success(t('common.done'));
      form.resetFields();
      onDone();
    });

  return (
    <FormModal
      open={open}
      title={t('cat.register')}
      width={760}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="registerProduct"
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{ supplierId: ownPartyId(me), currency: 'USD', unit: '个' }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="supplierId"
              label={t('proc.supplier')}
              rules={[{ required: true, whitespace: true }, { max: 64 }]}
            >
              <Input disabled={me.organisationKind === 'enterprise' && !!ownPartyId(me)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('cat.name')}
              rules={[{ required: true, whitespace: true }, { max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="hsCode"
              label={t('cat.hsCode')}
              tooltip={t('cat.hsCodeHint')}
              rules={[{ required: true }, { pattern: HS_CODE, message: t('cat.hsCodeRule') }]}
            >
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item
              name="unit"
              label={t('cat.unit')}
              rules={[{ required: true, whitespace: true }, { max: 20 }]}
            >
              <Select
                showSearch
                options={UNITS.map((u) => ({ value: u, label: u }))}
                onSearch={(text) => text && form.setFieldValue('unit', text)}
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item
              name="referencePrice"
              label={t('cat.referencePrice')}
              rules={[{ required: true }, { pattern: DECIMAL, message: t('proc.decimalRule') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item
              name="currency"
              label={t('proc.currency')}
              rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: 'ISO 4217' }]}
            >
              <Select options={['USD', 'CNY', 'EUR', 'HKD', 'AED'].map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="brand"
              label={t('cat.brand')}
              tooltip={t('cat.brandHint')}
              rules={[{ max: 100 }]}
            >
              <Input placeholder={t('cat.noBrand')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="manufacturerId" label={t('cat.manufacturer')} rules={[{ max: 64 }]}>
              <Select allowClear showSearch optionFilterProp="label" options={manufacturers} />
            </Form.Item>
          </Col>
          {branded && (
            <>
              <Col span={12}>
                <Form.Item
                  name="brandAuthorisation"
                  label={t('cat.authorisationRef')}
                  rules={[
                    { required: true, whitespace: true, message: t('cat.authorisationRequired') },
                    { max: 100 },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <FileDigestItem
                  form={form}
                  name="sha256"
                  label={t('cat.authorisationFile')}
                  requiredMessage={t('cat.authorisationFileRequired')}
                />
              </Col>
            </>
          )}
        </Row>
      </Form>
    </FormModal>
  );
}
