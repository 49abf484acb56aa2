import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Space, Spin, Switch, Typography, Upload } from 'antd';
import { useState } from 'react';
import { getToken } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { receiptUnits } from './labels';
import { ConformanceReportView, isConformanceReport, RawAnswer, ReceiptView } from './SubmitAnswer';

/** Largest message the page sends (the server has its own, larger, limit). */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** 报文申报: an enterprise sends a CEB message (XML, DxpMsg or JSON) and sees the receipt at once. */
export default function SubmitPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ status: number; body: string; parsed?: unknown } | null>(null);

  const send = async (body: Blob | string, name: string) => {
    setBusy(true);
    setAnswer(null);
    try {
      const isJson = name.endsWith('.json') || (typeof body === 'string' && body.trim().startsWith('{'));
      const response = await fetch(`/api/ceb/messages${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        headers: {
          'content-type': isJson ? 'application/json' : 'application/xml',
          accept: 'application/json',
          authorization: `Bearer ${getToken() ?? ''}`,
        },
        body,
      });
      const raw = await response.text();
      try {
        const parsed: unknown = JSON.parse(raw);
        setAnswer({ status: response.status, body: JSON.stringify(parsed, null, 2), parsed });
      } catch {
        // XML or plain text: shown as is
        setAnswer({ status: response.status, body: raw });
      }
    } catch {
      setAnswer({ status: 0, body: t('ceb.networkError') });
    } finally {
      setBusy(false);
    }
  };

  // Units of the receipt answered with an error code (a refusal): HTTP 200 all the same.
  const refusedUnits = receiptUnits(answer?.parsed).filter((u) =>
    String(u.returnStatus ?? '').startsWith('-'),
  ).length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="submit-page">
      <Card title={t('nav.cebSubmit')}>
        <Typography.Paragraph type="secondary">{t('ceb.submitIntro')}</Typography.Paragraph>
        <Space style={{ marginBottom: 12 }}>
          <Switch checked={dryRun} onChange={setDryRun} />
          <Typography.Text>{t('ceb.dryRun')}</Typography.Text>
        </Space>
        <Upload.Dragger
          accept=".xml,.json"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_MESSAGE_BYTES) setAnswer({ status: 413, body: t('ceb.tooLarge') });
            else void send(file, file.name);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('ceb.drop')}</p>
        </Upload.Dragger>
        <Input.TextArea
          rows={6}
          style={{ marginTop: 12, fontFamily: 'monospace' }}
          placeholder={t('ceb.paste')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button
          type="primary"
          style={{ marginTop: 8 }}
          disabled={!text.trim()}
          loading={busy}
          onClick={() => void send(text, '')}
        >
          {dryRun ? t('ceb.check') : t('ceb.send')}
        </Button>
      </Card>
      {busy && <Spin />}
      {answer && (
        <Card size="small">
          {isConformanceReport(answer.parsed) ? (
            <ConformanceReportView report={answer.parsed} />
          ) : (
            <>
              <Result
                status={
                  refusedUnits === 0 && answer.status >= 200 && answer.status < 300 ? 'success' : 'error'
                }
                title={
                  answer.status === 200
                    ? refusedUnits === 0
                      ? t('ceb.sentAccepted')
                      : t('ceb.sentRefused', { n: refusedUnits })
                    : `HTTP ${answer.status}`
                }
                subTitle={answer.status === 400 ? t('ceb.formatError') : t('ceb.sent')}
                style={{ padding: 8 }}
              />
              {answer.status > 400 && <Alert type="error" showIcon message={answer.body.slice(0, 300)} />}
              {answer.parsed !== undefined && answer.status < 500 && <ReceiptView receipt={answer.parsed} />}
            </>
          )}
          <RawAnswer body={answer.body} />
        </Card>
      )}
    </Space>
  );
}
