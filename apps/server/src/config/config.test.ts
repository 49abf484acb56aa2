import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('KOUAN_CEB_SIGNATURE_POLICY', () => {
  it('defaults to verify-if-present', () => {
    expect(loadConfig({}).cebSignaturePolicy).toBe('verify-if-present');
  });

  it.each(['required', 'verify-if-present', 'off'] as const)('accepts %s', (policy) => {
    expect(loadConfig({ KOUAN_CEB_SIGNATURE_POLICY: policy }).cebSignaturePolicy).toBe(policy);
  });

  it('refuses anything else, naming the variable and the choices', () => {
    expect(() => loadConfig({ KOUAN_CEB_SIGNATURE_POLICY: 'strict' })).toThrow(ConfigError);
    expect(() => loadConfig({ KOUAN_CEB_SIGNATURE_POLICY: 'strict' })).toThrow(
      /KOUAN_CEB_SIGNATURE_POLICY must be one of required, verify-if-present, off/,
    );
  });
});

describe('KOUAN_EVIDENCE_KEY_NAME', () => {
  it('follows the origin when not given', () => {
    expect(loadConfig({ KOUAN_EVIDENCE_ORIGIN: 'ledger.example.gov.cn/kouan' }).evidence).toMatchObject({
      origin: 'ledger.example.gov.cn/kouan',
      keyName: 'ledger.example.gov.cn/kouan',
    });
  });

  it('refuses a name other than the origin, which would make every package fail offline', () => {
    expect(() =>
      loadConfig({
        KOUAN_EVIDENCE_ORIGIN: 'ledger.example.gov.cn/kouan',
        KOUAN_EVIDENCE_KEY_NAME: 'kouan-key',
      }),
    ).toThrow(/KOUAN_EVIDENCE_KEY_NAME \(kouan-key\) must equal KOUAN_EVIDENCE_ORIGIN/);
  });
});
