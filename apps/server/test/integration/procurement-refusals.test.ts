import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUsci } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';
import { procurementFixtures } from '../procurement-fixtures';

let t: TestPlatform;
let f: ReturnType<typeof procurementFixtures>;
let purchaser: { id: string; passport: string };
let shoes: { id: string };
beforeAll(async () => {
  t = await startTestPlatform();
  f = procurementFixtures(t);
  purchaser = await f.filePurchaser('Karim Said');
  shoes = await f.product({ hsCode: '6402991000' });
});
afterAll(async () => t?.close());

async function counts() {
  const rows = await t.sql<{ tx: number; ev: number; au: number }>(
    `select (select count(*)::int from procurement_transactions) as tx,
            (select count(*)::int from evidence_entries) as ev,
            (select count(*)::int from audit_log) as au`,
  );
  return rows[0]!;
}

const line = (quantity = '10') => ({ productId: shoes.id, quantity, unitPrice: '2.00' });

describe('registration refusals, each with its code and nothing written', () => {
  it('refuses cash-settled goods', async () => {
    const before = await counts();
    const res = await t.request('POST', '/api/procurement/transactions', {
      ...f.as('supplier'),
      body: f.transaction({ purchaserId: purchaser.id, lines: [line()], paymentMethod: 'cash' }),
    });
    f.expectError(res, 422, 'PAYMENT_CASH_NOT_ELIGIBLE');
    expect(await counts()).toEqual(before);
  });

  it('refuses a supplier whose zone is no longer in effect on the trade date', async () => {
    const commerce = await f.officer('commerce');
    const zone = await f.ok(
      t.request('POST', '/api/zones', {
        ...commerce,
        body: {
          code: 'WZ-TMP-01',
          name: '临时集聚区',
          districtCode: '330302',
          districtName: '鹿城区',
          description: '试点到期',
          effectiveFrom: '2026-01-01',
          effectiveTo: '2026-11-20',
        },
      }),
    );
    const [supplier] = (
      await f.ok(
        t.request('POST', '/api/parties', {
          ...commerce,
          body: {
            parties: [
              {
                kind: 'supplier',
                legalForm: 'organisation',
                name: '临时商行',
                usci: newUsci(),
                zoneId: zone.id,
                stallNo: 'T-1',
              },
            ],
          },
        }),
      )
    ).items;
    const product = await f.ok(
      t.request('POST', '/api/procurement/products', {
        ...(await f.officer('admin')),
        body: {
          supplierId: supplier.id,
          name: '拖鞋',
          hsCode: '6402200000',
          unit: '双',
          referencePrice: '1.00',
          currency: 'USD',
        },
      }),
    );
    t.clock.set(new Date('2026-11-21T02:00:00Z'));
    try {
      // The operator registers (its API key does not expire with the clock moved on).
      const res = await t.request('POST', '/api/procurement/transactions', {
        ...f.as('operator'),
        body: f.transaction({
          supplierId: supplier.id,
          purchaserId: purchaser.id,
          lines: [{ productId: product.id, quantity: '1', unitPrice: '1' }],
        }),
      });
      f.expectError(res, 422, 'SUPPLIER_OUTSIDE_ZONE');
    } finally {
      t.clock.set(new Date('2026-11-20T02:00:00Z'));
    }
  });

  it('refuses an operator that is not recognised', async () => {
    const [operator] = (
      await f.ok(
        t.request('POST', '/api/parties', {
          ...(await f.officer('commerce')),
          body: {
            parties: [
              {
                kind: 'trade_operator',
                legalForm: 'organisation',
                name: '未认定外贸公司',
                usci: newUsci(),
                districtCode: '330302',
              },
            ],
          },
        }),
      )
    ).items;
    const res = await t.request('POST', '/api/procurement/transactions', {
      ...f.as('supplier'),
      body: f.transaction({ operatorId: operator.id, purchaserId: purchaser.id, lines: [line()] }),
    });
    f.expectError(res, 422, 'OPERATOR_NOT_RECOGNISED');
  });

  it('refuses goods whose HS code customs has put on the prohibited list, and takes them again when removed', async () => {
    const customs = await f.officer('customs');
    await f.ok(
      t.request('POST', '/api/procurement/hs-rules', {
        ...customs,
        body: { hsPrefix: '640299', rule: 'prohibited', action: 'add', reason: '测试' },
      }),
      200,
    );
    const body = f.transaction({ purchaserId: purchaser.id, lines: [line()] });
    f.expectError(
      await t.request('POST', '/api/procurement/transactions', { ...f.as('supplier'), body }),
      422,
      'HS_CODE_BLOCKED',
    );
    await f.ok(
      t.request('POST', '/api/procurement/hs-rules', {
        ...customs,
        body: { hsPrefix: '640299', rule: 'prohibited', action: 'remove', reason: '解除' },
      }),
      200,
    );
    await f.register(body);
  });

  it('refuses a purchaser on the bad-purchaser list, and one without a file with the operator', async () => {
    const listed = await f.filePurchaser('Bad Buyer');
    await f.ok(
      t.request('POST', '/api/procurement/bad-purchasers', {
        ...(await f.officer('market')),
        body: { purchaserId: listed.id, action: 'add', reason: '拖欠货款' },
      }),
      200,
    );
    const res = await t.request('POST', '/api/procurement/transactions', {
      ...f.as('supplier'),
      body: f.transaction({ purchaserId: listed.id, lines: [line()] }),
    });
    f.expectError(res, 422, 'PURCHASER_BLOCKED');
    const again = await t.request('POST', '/api/procurement/bad-purchasers', {
      ...(await f.officer('market')),
      body: { purchaserId: listed.id, action: 'add', reason: '重复' },
    });
    f.expectError(again, 409, 'BAD_PURCHASER_STATE');
    const list = await f.ok(t.request('GET', '/api/procurement/bad-purchasers', f.as('operator')), 200);
    expect(list.items.map((x: { purchaserId: string }) => x.purchaserId)).toContain(listed.id);
    const [unfiled] = (
      await f.ok(
        t.request('POST', '/api/parties', {
          ...f.as('operator'),
          body: {
            parties: [
              { kind: 'purchaser', legalForm: 'organisation', name: 'No File LLC', nationality: 'KZ' },
            ],
          },
        }),
      )
    ).items;
    const noFile = await t.request('POST', '/api/procurement/transactions', {
      ...f.as('supplier'),
      body: f.transaction({ purchaserId: unfiled.id, lines: [line()] }),
    });
    f.expectError(noFile, 422, 'PURCHASER_NOT_FILED');
  });

  it('refuses a regulator without the list permission editing the bad-purchaser list', async () => {
    const res = await t.request('POST', '/api/procurement/bad-purchasers', {
      ...(await f.officer('tax')),
      body: { purchaserId: purchaser.id, action: 'add', reason: 'x' },
    });
    f.expectError(res, 403, 'FORBIDDEN');
  });
});

describe('consolidation, declaration, clearance and FX refusals', () => {
  it('refuses a container number with a wrong check digit, and packing a line twice or beyond its quantity', async () => {
    const tx = await f.register(
      f.transaction({ purchaserId: purchaser.id, lines: [line('10'), { ...line('5') }] }),
    );
    const [first, second] = await f.linesOf(tx.id);
    const bad = await t.request('POST', '/api/procurement/containers', {
      ...f.as('operator'),
      body: {
        operatorId: f.enterprise('operator').partyId,
        containerNo: 'CSQU3054384',
        sealNo: 'S1',
        grossWeightKg: '100',
        netWeightKg: '90',
        lines: [{ transactionLineId: first }],
      },
    });
    f.expectError(bad, 422, 'CONTAINER_NUMBER_CHECK_DIGIT');
    const over = await t.request('POST', '/api/procurement/containers', {
      ...f.as('operator'),
      body: {
        operatorId: f.enterprise('operator').partyId,
        containerNo: f.containerNo(),
        sealNo: 'S1',
        grossWeightKg: '100',
        netWeightKg: '90',
        lines: [{ transactionLineId: first, quantity: '11' }],
      },
    });
    f.expectError(over, 409, 'PACKING_QUANTITY_EXCEEDED');
    await f.pack([first!, second!]);
    const twice = await t.request('POST', '/api/procurement/containers', {
      ...f.as('operator'),
      body: {
        operatorId: f.enterprise('operator').partyId,
        containerNo: f.containerNo(),
        sealNo: 'S2',
        grossWeightKg: '100',
        netWeightKg: '90',
        lines: [{ transactionLineId: first }],
      },
    });
    f.expectError(twice, 409, 'PACKING_LINE_ALREADY_PACKED');
  });

  it('refuses a container number that already has an undeclared packing list, and net above gross weight', async () => {
    const tx = await f.register(f.transaction({ purchaserId: purchaser.id, lines: [line('4'), line('6')] }));
    const [first, second] = await f.linesOf(tx.id);
    const containerNo = f.containerNo();
    const body = (lineId: string, netWeightKg = '90') => ({
      ...f.as('operator'),
      body: {
        operatorId: f.enterprise('operator').partyId,
        containerNo,
        sealNo: 'S9',
        grossWeightKg: '100',
        netWeightKg,
        lines: [{ transactionLineId: lineId }],
      },
    });
    f.expectError(
      await t.request('POST', '/api/procurement/containers', body(first!, '101')),
      422,
      'CONTAINER_WEIGHT_INVALID',
    );
    await f.ok(t.request('POST', '/api/procurement/containers', body(first!)));
    f.expectError(
      await t.request('POST', '/api/procurement/containers', body(second!)),
      409,
      'CONTAINER_IN_USE',
    );
    const packed = await t.sql<{ q: string }>(
      `select packed_quantity::text as q from procurement_transaction_lines where id = '${second}'`,
    );
    expect(packed[0]!.q).toBe('0.00000');
  });

  it('packs a line exactly once when two packers race for it', async () => {
    const tx = await f.register(f.transaction({ purchaserId: purchaser.id, lines: [line('7')] }));
    const [lineId] = await f.linesOf(tx.id);
    const attempt = () =>
      t.request('POST', '/api/procurement/containers', {
        ...f.as('operator'),
        body: {
          operatorId: f.enterprise('operator').partyId,
          containerNo: f.containerNo(),
          sealNo: 'R',
          grossWeightKg: '10',
          netWeightKg: '9',
          lines: [{ transactionLineId: lineId }],
        },
      });
    const results = await Promise.all([attempt(), attempt(), attempt()]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201))
      expect(['PACKING_LINE_ALREADY_PACKED', 'PACKING_QUANTITY_EXCEEDED']).toContain(r.body.error.code);
    const packed = await t.sql<{ q: string }>(
      `select packed_quantity::text as q from procurement_transaction_lines where id = '${lineId}'`,
    );
    expect(packed[0]!.q).toBe('7.00000');
  });

  it('refuses clearance and FX steps out of order, and FX twice for one transaction', async () => {
    const tx = await f.register(f.transaction({ purchaserId: purchaser.id, lines: [line('3')] }));
    const container = await f.pack(await f.linesOf(tx.id));
    const [declaration] = await f.declare(container.id);
    const customs = await f.officer('customs');
    const early = await t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
      ...customs,
      body: { action: 'released' },
    });
    f.expectError(early, 409, 'DECLARATION_STEP_OUT_OF_ORDER');
    const brokerRelease = await t.request(
      'POST',
      `/api/procurement/declarations/${declaration!.id}/clearance`,
      { ...f.as('broker'), body: { action: 'released' } },
    );
    f.expectError(brokerRelease, 403, 'PROCUREMENT_NOT_PARTY');
    const fx = (bankReference: string) =>
      t.request('POST', '/api/procurement/fx-collections', {
        ...f.as('operator'),
        body: {
          declarationId: declaration!.id,
          transactionId: tx.id,
          bankReference,
          payerRole: 'purchaser',
          amount: '6.00',
          currency: 'USD',
          creditedOn: '2026-11-20',
        },
      });
    f.expectError(await fx('B-1'), 409, 'TRANSACTION_STEP_OUT_OF_ORDER');
    await f.ok(
      t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
        ...customs,
        body: { action: 'declared', customsEntryNo: '330120261000099999' },
      }),
      200,
    );
    await f.ok(
      t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
        ...customs,
        body: { action: 'released' },
      }),
      200,
    );
    const collected = await f.ok(fx('B-1'));
    expect(collected.overCollected).toBe(false);
    f.expectError(await fx('B-2'), 409, 'FX_TRANSACTION_ALREADY_COLLECTED');
    // A bank credit already used for one transaction cannot be used for another.
    const next = await f.register(f.transaction({ purchaserId: purchaser.id, lines: [line('2')] }));
    const [nextDeclaration] = await f.declare((await f.pack(await f.linesOf(next.id))).id);
    for (const action of ['declared', 'released'])
      await f.ok(
        t.request('POST', `/api/procurement/declarations/${nextDeclaration!.id}/clearance`, {
          ...customs,
          body: { action },
        }),
        200,
      );
    const reusedCredit = await t.request('POST', '/api/procurement/fx-collections', {
      ...f.as('operator'),
      body: {
        declarationId: nextDeclaration!.id,
        transactionId: next.id,
        bankReference: 'B-1',
        payerRole: 'operator',
        amount: '4.00',
        currency: 'USD',
        creditedOn: '2026-11-20',
      },
    });
    f.expectError(reusedCredit, 409, 'FX_BANK_REFERENCE_USED');
    const again = await t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
      ...customs,
      body: { action: 'released' },
    });
    f.expectError(again, 409, 'DECLARATION_STEP_OUT_OF_ORDER');
  });

  it('refuses to declare goods that became prohibited after packing, and an operator without a customs filing', async () => {
    const lighter = await f.product({ hsCode: '9613100000', unit: '个', price: '0.30' });
    const tx = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        lines: [{ productId: lighter.id, quantity: '100', unitPrice: '0.30' }],
      }),
    );
    const container = await f.pack(await f.linesOf(tx.id));
    const customs = await f.officer('customs');
    await f.ok(
      t.request('POST', '/api/procurement/hs-rules', {
        ...customs,
        body: { hsPrefix: '961310', rule: 'restricted', action: 'add', reason: '临时限制' },
      }),
      200,
    );
    const res = await t.request('POST', `/api/procurement/containers/${container.id}/declarations`, {
      ...f.as('operator'),
      body: { brokerId: f.enterprise('broker').partyId },
    });
    f.expectError(res, 422, 'HS_CODE_BLOCKED');
    await f.ok(
      t.request('POST', '/api/procurement/hs-rules', {
        ...customs,
        body: { hsPrefix: '961310', rule: 'restricted', action: 'remove', reason: '解除' },
      }),
      200,
    );
    const [declaration] = await f.declare(container.id);
    expect(declaration!.status).toBe('generated');
  });
});

describe('quantities', () => {
  it('refuses half a pair at registration, before it could fail at declaration', async () => {
    const res = await t.request('POST', '/api/procurement/transactions', {
      ...f.as('supplier'),
      body: f.transaction({ purchaserId: purchaser.id, lines: [line('10.5')] }),
    });
    f.expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.field).toBe('/lines/0/quantity');
  });
});

describe('catalogue and history', () => {
  it('refuses a branded product without an authorisation record', async () => {
    const res = await t.request('POST', '/api/procurement/products', {
      ...f.as('supplier'),
      body: {
        supplierId: f.enterprise('supplier').partyId,
        name: '品牌运动鞋',
        hsCode: '6404110000',
        unit: '双',
        referencePrice: '30',
        currency: 'CNY',
        brand: 'OUYUE',
      },
    });
    f.expectError(res, 422, 'BRAND_AUTHORISATION_REQUIRED');
    const listed = await f.ok(
      t.request('POST', '/api/procurement/products', {
        ...f.as('supplier'),
        body: {
          supplierId: f.enterprise('supplier').partyId,
          name: '品牌运动鞋',
          hsCode: '6404110000',
          unit: '双',
          referencePrice: '30',
          currency: 'CNY',
          brand: 'OUYUE',
          brandAuthorisation: { reference: 'TM-AUTH-2026-01', sha256: 'b'.repeat(64) },
        },
      }),
    );
    expect(listed.brandAuthorisationRef).toBe('TM-AUTH-2026-01');
  });

  it('refuses a supplier listing goods for another supplier', async () => {
    const res = await t.request('POST', '/api/procurement/products', {
      ...f.as('operator'),
      body: {
        supplierId: f.enterprise('supplier').partyId,
        name: '鞋',
        hsCode: '6404110000',
        unit: '双',
        referencePrice: '30',
        currency: 'CNY',
      },
    });
    f.expectError(res, 403, 'PROCUREMENT_NOT_PARTY');
  });

  it('keeps status history, the bad-purchaser list and FX credits append-only in the database', async () => {
    const columns: Record<string, string> = {
      procurement_transaction_events: 'reference',
      procurement_bad_purchasers: 'reason',
      procurement_fx_collections: 'bank_reference',
      procurement_declaration_events: 'note',
    };
    for (const [table, column] of Object.entries(columns)) {
      await expect(t.sql(`update ${table} set ${column} = ${column}`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
      await expect(t.sql(`delete from ${table}`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    }
  });
});
