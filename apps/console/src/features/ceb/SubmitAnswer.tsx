import { Alert, Collapse, Descriptions, Result, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { receiptName, receiptUnits } from './labels';
import { ReturnStatusTag } from './ReturnStatusTag';

/** A problem as the intake reports it: a finding of a unit, or a format violation (CEB900). */
interface Problem {
  readonly code: string;
  readonly severity?: string;
  readonly field?: string;
  readonly path?: string;
  readonly zh: string;
  readonly en: string;
}

/** The dry-run (conformance) report of `POST /api/ceb/messages?dryRun=true`. */
export interface ConformanceReport {
  readonly dryRun: true;
  readonly ok: boolean;
  readonly outcome: 'format_error' | 'replayed' | 'processed' | 'sender_refused';
  readonly messageType: string;
  readonly receiptType: string;
  readonly format: { readonly valid: boolean; readonly problems: readonly Problem[] };
  readonly signature:
    | { readonly ok: true; readonly details?: Record<string, unknown> }
    | {
        readonly ok: false;
        readonly code: string;
        readonly zh: string;
        readonly en: string;
        readonly details?: Record<string, unknown>;
      }
    | null;
  readonly units: readonly {
    readonly key: string;
    readonly returnStatus: string;
    readonly returnInfo: string;
    readonly findings: readonly Problem[];
  }[];
  readonly receipt: unknown;
}

export function isConformanceReport(value: unknown): value is ConformanceReport {
  return typeof value === 'object' && value !== null && (value as { dryRun?: unknown }).dryRun === true;
}

function ProblemsTable({ problems, testId }: { problems: readonly Problem[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Table<Problem>
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey={(p, i) => `${p.code}-${p.field ?? p.path ?? ''}-${i}`}
      dataSource={[...problems]}
      columns={[
        {
          title: t('ceb.problemCode'),
          dataIndex: 'code',
          width: 200,
          render: (code: string, p) =>
            /^-\d+$/.test(code) ? (
              <ReturnStatusTag status={code} />
            ) : (
              <Tag color={p.severity === 'warning' ? 'gold' : 'red'}>{code}</Tag>
            ),
        },
        {
          title: t('ceb.problemField'),
          width: 220,
          render: (_, p) => <Typography.Text code>{p.field ?? p.path ?? '—'}</Typography.Text>,
        },
        {
          title: t('ceb.problemText'),
          render: (_, p) => (
            <>
              {p.severity === 'warning' && <Tag color="gold">{t('ceb.warning')}</Tag>}
              {lang === 'zh' ? p.zh : p.en}
            </>
          ),
        },
      ]}
    />
  );
}

/** Names of the signature check's details (SignatureFailureDetails and the verdict's own fields). */
const DETAIL_LABELS: Record<string, { zh: string; en: string }> = {
  reason: { zh: '原因', en: 'reason' },
  algorithm: { zh: '签名算法', en: 'signature algorithm' },
  digestAlgorithm: { zh: '摘要算法', en: 'digest algorithm' },
  keyName: { zh: '密钥名称（KeyName）', en: 'key name (KeyName)' },
  certificateSerial: { zh: '证书序列号', en: 'certificate serial' },
  certificateId: { zh: '登记的证书', en: 'registered certificate' },
  expectedDigestBase64: { zh: '报文中的摘要值', en: 'DigestValue in the message' },
  computedDigestBase64: { zh: '按报文重新计算的摘要值', en: 'digest recomputed from the message' },
  canonicalSha256Hex: { zh: '规范化字节的 SHA-256', en: 'SHA-256 of the canonicalised bytes' },
};

/** The reasons verifyCebSignature gives (SignatureFailureReason), in words. */
const REASONS: Record<string, { zh: string; en: string }> = {
  signature_missing: { zh: '缺少签名', en: 'no signature' },
  malformed_signature: { zh: '签名结构不正确', en: 'malformed signature' },
  unsupported_algorithm: { zh: '不支持的算法', en: 'unsupported algorithm' },
  certificate_unknown: { zh: '证书未在主体库登记', en: 'certificate not registered' },
  certificate_expired: { zh: '证书已过期', en: 'certificate expired' },
  certificate_not_yet_valid: { zh: '证书尚未生效', en: 'certificate not yet valid' },
  certificate_revoked: { zh: '证书已吊销', en: 'certificate revoked' },
  digest_mismatch: {
    zh: '摘要值不符：签名后报文内容被改动',
    en: 'digest mismatch: the content changed after signing',
  },
  signature_mismatch: { zh: '签名值与证书公钥不符', en: 'signature value does not match the certificate' },
};

/** What the signature check found, with its details (reason, certificate, digests) spelled out. */
function SignatureSection({ signature }: { signature: ConformanceReport['signature'] }) {
  const { t, lang } = useI18n();
  if (!signature) return <Typography.Text type="secondary">{t('ceb.signatureNotReached')}</Typography.Text>;
  const details = Object.entries(signature.details ?? {});
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="signature-verdict">
      {signature.ok ? (
        <Tag color={signature.details?.checked === false ? 'default' : 'green'}>
          {signature.details?.checked === false ? t('ceb.signatureNotChecked') : t('ceb.signatureOk')}
        </Tag>
      ) : (
        <Alert
          type="error"
          showIcon
          message={
            <>
              <ReturnStatusTag status={signature.code} /> {lang === 'zh' ? signature.zh : signature.en}
            </>
          }
        />
      )}
      {details.length > 0 && (
        <Descriptions size="small" column={1} bordered>
          {details.map(([key, value]) => (
            <Descriptions.Item key={key} label={DETAIL_LABELS[key]?.[lang] ?? key}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {typeof value === 'string' ? value : JSON.stringify(value)}
              </Typography.Text>
              {key === 'reason' && typeof value === 'string' && REASONS[value] && ` ${REASONS[value][lang]}`}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Space>
  );
}

/** The conformance report as a reader wants it: a verdict, then each check with what it found. */
export function ConformanceReportView({ report }: { report: ConformanceReport }) {
  const { t, lang } = useI18n();
  // A signature failure is also each unit's finding: counted once.
  const found =
    report.format.problems.length +
    report.units.reduce((n, u) => n + u.findings.filter((f) => f.severity !== 'warning').length, 0);
  const problemCount = found > 0 ? found : report.signature && !report.signature.ok ? 1 : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="conformance-report">
      <Result
        status={report.ok ? 'success' : 'error'}
        title={report.ok ? t('ceb.reportOk') : t('ceb.reportProblems', { n: Math.max(problemCount, 1) })}
        subTitle={`${report.messageType} → ${receiptName(report.receiptType, lang)} · ${t('ceb.dryRunDone')}`}
        style={{ padding: 8 }}
      />
      <Typography.Title level={5}>{t('ceb.formatCheck')}</Typography.Title>
      {report.format.valid ? (
        <Tag color="green">{t('ceb.formatOk')}</Tag>
      ) : (
        <ProblemsTable problems={report.format.problems} testId="format-problems" />
      )}
      {report.format.valid && (
        <>
          <Typography.Title level={5}>{t('ceb.signatureCheck')}</Typography.Title>
          <SignatureSection signature={report.signature} />
        </>
      )}
      {report.units.map((u) => (
        <div key={u.key} data-testid="report-unit">
          <Typography.Title level={5}>
            {t('ceb.unit')} <Typography.Text code>{u.key}</Typography.Text>{' '}
            <ReturnStatusTag status={u.returnStatus} />
          </Typography.Title>
          {u.returnInfo && <Typography.Paragraph type="secondary">{u.returnInfo}</Typography.Paragraph>}
          {u.findings.length > 0 && <ProblemsTable problems={u.findings} testId="unit-findings" />}
        </div>
      ))}
    </Space>
  );
}

/** A sent message's receipt: each unit's status with its meaning and returnInfo. */
export function ReceiptView({ receipt }: { receipt: unknown }) {
  const { lang } = useI18n();
  const type = receipt && typeof receipt === 'object' ? (Object.keys(receipt)[0] ?? '') : '';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="receipt-view">
      {type && <Typography.Title level={5}>{receiptName(type, lang)}</Typography.Title>}
      {receiptUnits(receipt).map((u, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: units have no key of their own but their order
        <div key={i}>
          <ReturnStatusTag status={String(u.returnStatus ?? '')} />{' '}
          <Typography.Text>{String(u.returnInfo ?? '')}</Typography.Text>
        </div>
      ))}
    </Space>
  );
}

/** The raw answer, folded away, for integrators who want the exact JSON or XML. */
export function RawAnswer({ body }: { body: string }) {
  const { t } = useI18n();
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'raw',
          label: t('ceb.rawAnswer'),
          children: (
            <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 480, overflow: 'auto' }}>
              {body}
            </pre>
          ),
        },
      ]}
    />
  );
}
