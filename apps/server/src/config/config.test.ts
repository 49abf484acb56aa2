import { generateKeyPairSync } from 'node:crypto';
import { ed25519Signer } from '@kouan/domain/evidence';
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

describe('KOUAN_EVIDENCE_RETIRED_KEYS', () => {
  const origin = 'ledger.example.gov.cn/kouan';
  const keyOf = (name: string) =>
    ed25519Signer(name, generateKeyPairSync('ed25519').privateKey).verifierKey();

  it('takes the verifier keys of rotated-out signing keys, separated by spaces, commas or lines', () => {
    const a = keyOf(origin);
    const b = keyOf(origin);
    const config = loadConfig({ KOUAN_EVIDENCE_ORIGIN: origin, KOUAN_EVIDENCE_RETIRED_KEYS: `${a},\n${b}` });
    expect(config.evidence.retiredVerifierKeys).toEqual([a, b]);
    expect(loadConfig({}).evidence.retiredVerifierKeys).toEqual([]);
  });

  it('refuses a malformed key and a key of another origin, naming it', () => {
    expect(() =>
      loadConfig({ KOUAN_EVIDENCE_ORIGIN: origin, KOUAN_EVIDENCE_RETIRED_KEYS: 'not-a-key' }),
    ).toThrow(/KOUAN_EVIDENCE_RETIRED_KEYS: not-a-key is not a verifier key/);
    const other = keyOf('other.example/log');
    expect(() => loadConfig({ KOUAN_EVIDENCE_ORIGIN: origin, KOUAN_EVIDENCE_RETIRED_KEYS: other })).toThrow(
      /is named other.example\/log, not the origin ledger.example.gov.cn\/kouan/,
    );
  });
});
