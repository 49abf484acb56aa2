import {
  SIGNATURE_DETAIL_NAMES,
  SIGNATURE_FAILURE_REASON_NAMES,
  type SignatureVerdict,
} from '@kouan/domain/xmldsig/failures';
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
  readonly signature: SignatureVerdict | null;
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

/** The name under a key the server sent (a closed vocabulary; an unknown key has none). */
function nameOf<K extends string>(names: Readonly<Record<K, { zh: string; en: string }>>, key: string) {
  return Object.hasOwn(names, key) ? names[key as K] : undefined;
}

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
          {details.map(([key, value]) => {
            const text = typeof value === 'string' ? value : JSON.stringify(value);
            const reason = key === 'reason' ? nameOf(SIGNATURE_FAILURE_REASON_NAMES, text) : undefined;
            return (
              <Descriptions.Item key={key} label={nameOf(SIGNATURE_DETAIL_NAMES, key)?.[lang] ?? key}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {text}
                </Typography.Text>
                {reason && ` ${reason[lang]}`}
              </Descriptions.Item>
            );
          })}
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
