/**
 * The checks of a complete import set, composed from @kouan/domain/retail-import (matching, limits,
 * positive list, tax). Until that module is merged the composition is the minimal one below.
 */
import { add, decimal, formatDecimal, sum } from '@kouan/domain/money';
import type { SetChecks } from '.';

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));

export const assessImportSet: SetChecks['assess'] = ({ set }) => {
  const lines = sum(set.inventory.lists.map((l) => decimal(str(l.totalPrice))));
  const value = add(
    add(lines, decimal(str(set.inventory.head.freight) || '0')),
    decimal(str(set.inventory.head.insuredFee) || '0'),
  );
  return { findings: [], tax: null, quotaAmount: formatDecimal(value), annualLimit: '26000' };
};

export const defaultSetChecks: SetChecks = { assess: assessImportSet };
