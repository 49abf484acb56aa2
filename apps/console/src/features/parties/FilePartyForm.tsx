import { App, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { FormModal, useFormSubmit } from '../../shared/FormModal';
import { PARTY_KIND_NAMES } from '../../shared/labels';

type Zone = { id: string; code: string; name: string };
type Values = {
  kind: string;
  legalForm: 'organisation' | 'individual';
  name: string;
  usci?: string;
  customsCode?: string;
  residentId?: string;
  passportNumber?: string;
  passportNationality?: string;
  nationality?: string;
  phone?: string;
  address?: string;
  zoneId?: string;
  stallNo?: string;
  districtCode?: string;
};

/** The same limits the API's schema sets (parties.schemas.ts); the API checks the rest and names the field. */
const LIMITS = { name: 200, identifier: 32, passport: 40, phone: 40, address: 300, stall: 64 };

export function FilePartyForm({
  open,
  onClose,
  onFiled,
}: {
  open: boolean;
  onClose: () => void;
  onFiled: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useFormSubmit(form);
  const [zones, setZones] = useState<Zone[]>([]);
  const legalForm = Form.useWatch('legalForm', form);

  useEffect(() => {
    if (open)
      void get<Zone[]>('/api/public/zones')
        .then(setZones)
        .catch(() => setZones([]));
  }, [open]);

  const submit = () =>
    run(async (v) => {
      const party = {
        kind: v.kind,
        legalForm: v.legalForm,
        name: v.name.trim(),
        ...(v.usci ? { usci: v.usci.trim() } : {}),
        ...(v.customsCode ? { customsCode: v.customsCode.trim() } : {}),
        ...(v.residentId ? { residentId: v.residentId.trim() } : {}),
        ...(v.passportNumber
          ? {
              passport: {
                number: v.passportNumber.trim(),
                nationality: (v.passportNationality ?? '').trim().toUpperCase(),
              },
            }
          : {}),
        ...(v.nationality ? { nationality: v.nationality.trim().toUpperCase() } : {}),
        ...(v.phone ? { phone: v.phone.trim() } : {}),
        ...(v.address ? { address: v.address.trim() } : {}),
        ...(v.zoneId ? { zoneId: v.zoneId } : {}),
        ...(v.stallNo ? { stallNo: v.stallNo.trim() } : {}),
        ...(v.districtCode ? { districtCode: v.districtCode } : {}),
      };
      await post('/api/parties', { parties: [party] });
      message.success(t('common.done'));
      form.resetFields();
      onFiled();
    });

  return (
    <FormModal
      open={open}
      title={t('party.file')}
      width={760}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form<Values>
        name="fileParty"
        form={form}
        layout="vertical"
        initialValues={{ legalForm: 'organisation', kind: 'purchaser' }}
        onValuesChange={() => setError(null)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label={t('party.kind')} rules={[{ required: true }]}>
              <Select
                options={Object.entries(PARTY_KIND_NAMES).map(([value, n]) => ({ value, label: n[lang] }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="legalForm" label={t('party.legalForm')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'organisation', label: t('party.organisation') },
                  { value: 'individual', label: t('party.individual') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="name"
              label={t('party.name')}
              rules={[{ required: true, whitespace: true, max: LIMITS.name }]}
            >
              <Input />
            </Form.Item>
          </Col>
          {legalForm === 'organisation' ? (
            <>
              <Col span={8}>
                <Form.Item
                  name="usci"
                  label={t('party.usci')}
                  rules={[{ len: 18, message: t('party.usciRule') }]}
                >
                  <Input maxLength={LIMITS.identifier} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="customsCode"
                  label={t('party.customsCode')}
                  rules={[{ len: 10, message: t('party.customsCodeRule') }]}
                >
                  <Input maxLength={LIMITS.identifier} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <>
              <Col span={8}>
                <Form.Item
                  name="residentId"
                  label={t('party.residentId')}
                  rules={[{ len: 18, message: t('party.residentIdRule') }]}
                >
                  <Input maxLength={LIMITS.identifier} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item
                  name="passportNumber"
                  label={t('party.passport')}
                  rules={[{ max: LIMITS.passport }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item
                  name="passportNationality"
                  label="ISO 3166"
                  rules={[{ pattern: /^[A-Za-z]{2,3}$/, message: 'ISO 3166' }]}
                >
                  <Input maxLength={3} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item
              name="nationality"
              label={t('party.nationality')}
              rules={[{ pattern: /^[A-Za-z]{2,3}$/, message: t('party.nationalityRule') }]}
            >
              <Input maxLength={3} placeholder="CN" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('party.phone')} rules={[{ max: LIMITS.phone }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="districtCode"
              label={t('party.districtCode')}
              rules={[{ pattern: /^[0-9]{6}$/, message: t('party.districtRule') }]}
            >
              <Input maxLength={6} placeholder="330302" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="address" label={t('party.address')} rules={[{ max: LIMITS.address }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="zoneId" label={t('party.zone')}>
              <Select
                allowClear
                options={zones.map((z) => ({ value: z.id, label: `${z.code} ${z.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="stallNo" label={t('party.stallNo')} rules={[{ max: LIMITS.stall }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
