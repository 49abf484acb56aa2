import type { CebDeclarationUnit } from '../ceb';

/** The four import documents of one purchase, each as the unit read from its message. */
export interface ImportSet {
  readonly order: CebDeclarationUnit<'CEB311Message'>;
  readonly payment: CebDeclarationUnit<'CEB411Message'>;
  readonly waybill: CebDeclarationUnit<'CEB511Message'>;
  readonly inventory: CebDeclarationUnit<'CEB621Message'>;
  /** 0-based position of each unit in the message it came in (for field paths); 0 when absent. */
  readonly unitIndexes?: {
    readonly order?: number;
    readonly payment?: number;
    readonly waybill?: number;
    readonly inventory?: number;
  };
}

/**
 * Field locations in the format check's XPath style: 1-based, the business unit and each line always
 * indexed (`/CEB621Message/Inventory[1]/InventoryList[2]/qty`).
 */
export interface ImportSetPaths {
  order(field: string): string;
  orderLine(lineIndex: number, field: string): string;
  payment(field: string): string;
  waybill(field: string): string;
  inventory(field: string): string;
  inventoryLine(lineIndex: number, field: string): string;
}

export function importSetPaths(unitIndexes: ImportSet['unitIndexes'] = {}): ImportSetPaths {
  const o = `/CEB311Message/Order[${(unitIndexes.order ?? 0) + 1}]`;
  const p = `/CEB411Message/Payment[${(unitIndexes.payment ?? 0) + 1}]`;
  const w = `/CEB511Message/Logistics[${(unitIndexes.waybill ?? 0) + 1}]`;
  return {
    order: (field) => `${o}/OrderHead/${field}`,
    orderLine: (i, field) => `${o}/OrderList[${i + 1}]/${field}`,
    payment: (field) => `${p}/PaymentHead/${field}`,
    waybill: (field) => `${w}/LogisticsHead/${field}`,
    ...inventoryPaths(unitIndexes.inventory ?? 0),
  };
}

export function inventoryPaths(unitIndex = 0): Pick<ImportSetPaths, 'inventory' | 'inventoryLine'> {
  const v = `/CEB621Message/Inventory[${unitIndex + 1}]`;
  return {
    inventory: (field) => `${v}/InventoryHead/${field}`,
    inventoryLine: (i, field) => `${v}/InventoryList[${i + 1}]/${field}`,
  };
}
