/**
 * Wires the intake for the HTTP edge and the demo generator: the use-case's dependencies from the
 * application's, a micro-batcher for group commit, and the dry-run (conformance) report.
 */
import type { CebSignaturePolicy } from '../../config/config';
import type { AppDeps } from '../../http/deps';
import { defaultSetChecks } from './checks/assess-import-set';
import { createMicroBatcher } from './micro-batcher';
import { createSignatureCheck } from './signature-check';
import {
  type CebIntakeDeps,
  type CebSubmission,
  type CebSubmissionResult,
  MAX_MESSAGES_PER_BATCH,
  submitCebMessages,
} from './submit-messages';

export interface ConformanceReport {
  readonly dryRun: true;
  readonly stored: false;
  /** true when the message would be accepted with every unit passing. */
  readonly ok: boolean;
  readonly outcome: CebSubmissionResult['outcome'];
  readonly messageType: string;
  readonly receiptType: string;
  readonly format: { readonly valid: boolean; readonly problems: CebSubmissionResult['formatProblems'] };
  readonly signature: CebSubmissionResult['signature'];
  readonly units: readonly {
    readonly key: string;
    readonly returnStatus: string;
    readonly returnInfo: string;
    readonly findings: readonly unknown[];
    readonly tax: unknown;
  }[];
  readonly receipt: unknown;
}

export interface CebIntakeService {
  readonly deps: CebIntakeDeps;
  submit(item: CebSubmission): Promise<CebSubmissionResult>;
  submitMany(items: readonly CebSubmission[]): Promise<CebSubmissionResult[]>;
  dryRun(item: CebSubmission): Promise<ConformanceReport>;
}

export function cebIntakeDeps(
  deps: AppDeps,
  extra: Partial<Pick<CebIntakeDeps, 'verifySignature' | 'checks'>> & {
    /** Overrides for tests and tools (auto-release, time-out …). */
    ceb?: Partial<AppDeps['config']['ceb']>;
    signaturePolicy?: CebSignaturePolicy;
  } = {},
): CebIntakeDeps {
  const base: CebIntakeDeps = {
    store: deps.store,
    vault: deps.vault,
    clock: deps.clock,
    config: { ...deps.config.ceb, ...extra.ceb },
    checks: extra.checks ?? defaultSetChecks,
  };
  const verifySignature =
    extra.verifySignature ??
    createSignatureCheck(deps, extra.signaturePolicy ?? deps.config.cebSignaturePolicy);
  return verifySignature ? { ...base, verifySignature } : base;
}

export function toConformanceReport(result: CebSubmissionResult): ConformanceReport {
  const units = result.units.map((u) => ({
    key: u.docKey,
    returnStatus: u.returnStatus,
    returnInfo: u.returnInfo,
    findings: u.findings,
    tax: u.tax ?? null,
  }));
  const okStatus = (s: string) => !s.startsWith('-');
  return {
    dryRun: true,
    stored: false,
    ok:
      result.outcome === 'processed' &&
      units.every((u) => okStatus(u.returnStatus)) &&
      result.signature?.ok !== false,
    outcome: result.outcome,
    messageType: result.messageType,
    receiptType: result.receiptType,
    format: { valid: result.outcome !== 'format_error', problems: result.formatProblems },
    signature: result.signature,
    units,
    receipt: result.json,
  };
}

export function createCebIntakeService(deps: CebIntakeDeps): CebIntakeService {
  const batcher = createMicroBatcher<CebSubmission, CebSubmissionResult>({
    maxBatch: MAX_MESSAGES_PER_BATCH,
    waitMs: deps.config.batchWaitMs,
    run: (items) => submitCebMessages(deps, items),
  });
  return {
    deps,
    submit: (item) => batcher.submit(item),
    submitMany: (items) => submitCebMessages(deps, items),
    async dryRun(item) {
      const [result] = await submitCebMessages(deps, [item], { dryRun: true });
      return toConformanceReport(result as CebSubmissionResult);
    },
  };
}
