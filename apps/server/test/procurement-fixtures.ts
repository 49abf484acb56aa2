import { expect } from 'vitest';
import { newCustomsCode, newPassportNumber, newUsci } from './fixtures';
import type { TestPlatform, TestResponse } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Json = any;

/** Helpers shared by the market procurement integration tests: demo parties and the happy path. */
export function procurementFixtures(t: TestPlatform) {
  const enterprise = (key: string) => {
    const e = t.demo.enterprises.find((x) => x.key === key);
    if (!e) throw new Error(`no demo enterprise ${key}`);
    return e;
  };
  const as = (key: string) => ({ apiKey: t.apiKey(key) });
  const officer = async (username: string) => ({ token: await t.login(username) });

  async function ok(res: Promise<TestResponse>, status = 201): Promise<TestResponse['body']> {
    const r = await res;
    expect(r.status, r.text).toBe(status);
    return r.body;
  }

  function expectError(res: TestResponse, status: number, code: string) {
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.zh).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
  }

  async function filePurchaser(name: string, nationality = 'EG') {
    const number = newPassportNumber();
    const [party] = (
      await ok(
        t.request('POST', '/api/parties', {
          ...as('operator'),
          body: {
            parties: [
              {
                kind: 'purchaser',
                legalForm: 'individual',
                name,
                nationality,
                passport: { number, nationality },
              },
            ],
          },
        }),
      )
    ).items;
    await ok(
      t.request('POST', '/api/procurement/purchaser-files', {
        ...as('operator'),
        body: {
          operatorId: enterprise('operator').partyId,
          purchaserId: party.id,
          agreement: { number: `WT-${number}`, sha256: 'a'.repeat(64), signedOn: '2026-01-05' },
        },
      }),
    );
    return { id: party.id as string, passport: number };
  }

  async function product(input: {
    hsCode: string;
    unit?: string;
    price?: string;
    currency?: string;
    name?: string;
  }) {
    return ok(
      t.request('POST', '/api/procurement/products', {
        ...as('supplier'),
        body: {
          supplierId: enterprise('supplier').partyId,
          name: input.name ?? `商品 ${input.hsCode}`,
          hsCode: input.hsCode,
          unit: input.unit ?? '双',
          referencePrice: input.price ?? '10.00',
          currency: input.currency ?? 'USD',
        },
      }),
    );
  }

  function transaction(input: {
    purchaserId: string;
    lines: { productId: string; quantity: string; unitPrice: string }[];
    currency?: string;
    paymentMethod?: string;
    supplierId?: string;
    operatorId?: string;
  }) {
    return {
      supplierId: input.supplierId ?? enterprise('supplier').partyId,
      purchaserId: input.purchaserId,
      operatorId: input.operatorId ?? enterprise('operator').partyId,
      currency: input.currency ?? 'USD',
      paymentMethod: input.paymentMethod ?? 'bank_transfer',
      lines: input.lines,
    };
  }

  async function register(body: ReturnType<typeof transaction>) {
    return ok(t.request('POST', '/api/procurement/transactions', { ...as('supplier'), body }));
  }

  let containerSerial = 100000;
  /** A fresh, valid ISO 6346 container number. */
  function containerNo(): string {
    containerSerial += 1;
    const firstTen = `TGHU${containerSerial}`;
    const values: Record<string, number> = { T: 31, G: 17, H: 18, U: 32 };
    let sum = 0;
    for (let i = 0; i < 10; i += 1) {
      const c = firstTen.charAt(i);
      sum += (values[c] ?? Number(c)) * 2 ** i;
    }
    return `${firstTen}${(sum % 11) % 10}`;
  }

  async function pack(lineIds: string[]) {
    return ok(
      t.request('POST', '/api/procurement/containers', {
        ...as('operator'),
        body: {
          operatorId: enterprise('operator').partyId,
          containerNo: containerNo(),
          sealNo: 'SL001',
          grossWeightKg: '12000',
          netWeightKg: '11000',
          lines: lineIds.map((transactionLineId) => ({ transactionLineId })),
        },
      }),
    );
  }

  async function declare(containerId: string) {
    return (
      await ok(
        t.request('POST', `/api/procurement/containers/${containerId}/declarations`, {
          ...as('operator'),
          body: { brokerId: enterprise('broker').partyId },
        }),
      )
    ).items as Json[];
  }

  async function linesOf(transactionId: string): Promise<string[]> {
    const detail = await ok(
      t.request('GET', `/api/procurement/transactions/${transactionId}`, as('supplier')),
      200,
    );
    return detail.lines.map((l: { id: string }) => l.id);
  }

  return {
    enterprise,
    as,
    officer,
    ok,
    expectError,
    filePurchaser,
    product,
    transaction,
    register,
    containerNo,
    pack,
    declare,
    linesOf,
    newUsci,
    newCustomsCode,
  };
}
