import { CheckCircleFilled, CloseCircleFilled, InboxOutlined, MinusCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Input, List, Result, Space, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { type CheckId, type Report, verifyPackage } from './verify-package';

type PublicKey = { verifierKey: string; algorithm: string; keyName: string; origin: string };
/** Largest package the page reads (a package is a few KB; this refuses accidents, not attacks). */
const MAX_PACKAGE_BYTES = 5 * 1024 * 1024;

const CHECK_TITLES: Record<CheckId, MessageKey> = {
  'package-format': 'verify.check.format',
  'leaf-hash': 'verify.check.leaf',
  'entry-metadata': 'verify.check.metadata',
  'document-hash': 'verify.check.document',
  'checkpoint-signature': 'verify.check.signature',
  'inclusion-proof': 'verify.check.inclusion',
};

export default function VerifyPage() {
  const { t, pick } = useI18n();
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<PublicKey>('/api/public/evidence/public-key')
      .then((k) => setKey(k.verifierKey))
      .catch((e: unknown) => setKeyError(e instanceof ApiError ? pick(e.messages) : String(e)));
  }, [pick]);

  const check = async (file: File) => {
    setReport(null);
    setReadError(null);
    setFileName(file.name);
    if (file.size > MAX_PACKAGE_BYTES) {
      setReadError(t('verify.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      let pkg: unknown;
      try {
        pkg = JSON.parse(await file.text());
      } catch {
        setReadError(t('verify.notJson'));
        return;
      }
      setReport(await verifyPackage(pkg, key));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="verify-page">
      <Card title={t('nav.publicVerify')}>
        <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
        <Typography.Text strong>{t('verify.publicKey')}</Typography.Text>
        <Input.TextArea
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoSize={{ minRows: 1, maxRows: 3 }}
          style={{ fontFamily: 'monospace', marginTop: 4 }}
          data-testid="verifier-key"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('verify.keyHint')}
        </Typography.Text>
        {keyError && <Alert type="warning" showIcon message={keyError} style={{ marginTop: 8 }} />}
        <div style={{ marginTop: 16 }}>
          <Upload.Dragger
            accept=".json,application/json"
            multiple={false}
            showUploadList={false}
            disabled={!key}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
            data-testid="package-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('verify.drop')}</p>
            <p className="ant-upload-hint">{t('verify.dropHint')}</p>
          </Upload.Dragger>
        </div>
      </Card>
      {busy && (
        <Card>
          <Spin /> {t('verify.checking')}
        </Card>
      )}
      {readError && <Alert type="error" showIcon message={readError} />}
      {report && (
        <Card data-testid="verify-report">
          <Result
            status={report.ok ? 'success' : 'error'}
            title={report.ok ? t('verify.ok', { n: report.index ?? '?' }) : t('verify.failed')}
            subTitle={`${fileName ?? ''}${report.treeSize ? ` · ${t('verify.treeSize', { n: report.treeSize })}` : ''}`}
            style={{ padding: '8px 0' }}
          />
          <List
            dataSource={report.checks}
            renderItem={(c) => (
              <List.Item data-testid={`check-${c.id}`} data-status={c.status}>
                <List.Item.Meta
                  avatar={
                    c.status === 'passed' ? (
                      <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
                    ) : c.status === 'failed' ? (
                      <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 20 }} />
                    ) : (
                      <MinusCircleFilled style={{ color: '#bfbfbf', fontSize: 20 }} />
                    )
                  }
                  title={`${t(CHECK_TITLES[c.id])} — ${t(`verify.status.${c.status}`)}`}
                  description={<span style={{ wordBreak: 'break-all' }}>{c.detail}</span>}
                />
              </List.Item>
            )}
          />
          <Collapse
            ghost
            items={[
              {
                key: 'cli',
                label: t('verify.cliTitle'),
                children: (
                  <Typography.Paragraph
                    code
                    copyable
                  >{`npx kouan-verify ${fileName ?? 'evidence.json'} --public-key '${key}'`}</Typography.Paragraph>
                ),
              },
            ]}
          />
          <Button
            onClick={() => {
              setReport(null);
              setFileName(null);
            }}
          >
            {t('verify.again')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
