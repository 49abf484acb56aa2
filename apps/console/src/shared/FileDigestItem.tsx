import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, Upload } from 'antd';
import { useI18n } from '../app/i18n';
import { fileSha256, SHA256_HEX } from './file-sha256';

/**
 * A form field holding the SHA-256 of a document: typed in, or computed in the browser from a picked
 * file (the file itself is never uploaded; the API stores only the digest).
 */
export function FileDigestItem(props: {
  form: FormInstance;
  name: string;
  label: string;
  requiredMessage: string;
}) {
  const { t } = useI18n();
  const { form, name } = props;
  return (
    <Form.Item
      name={name}
      label={props.label}
      tooltip={t('cat.authorisationFileHint')}
      rules={[
        { required: true, message: props.requiredMessage },
        { pattern: SHA256_HEX, message: t('cat.sha256Rule') },
      ]}
    >
      <Input
        placeholder="SHA-256"
        addonAfter={
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void fileSha256(file).then((hex) => {
                form.setFieldValue(name, hex);
                void form.validateFields([name]);
              });
              return false;
            }}
          >
            <Button type="link" size="small" icon={<UploadOutlined />}>
              {t('cat.pickFile')}
            </Button>
          </Upload>
        }
      />
    </Form.Item>
  );
}
