import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CEB_EXPORT_DECLARATION_TYPES,
  CEB_IMPORT_DECLARATION_TYPES,
  isCebDeclarationType,
} from './message-types';
import { readCebDeclaration } from './messages';
import { parseCebXml } from './parse';
import { validateCebMessage } from './validate';

const dir = new URL('./fixtures/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));

function load(file: string) {
  const parsed = parseCebXml(readFileSync(new URL(file, dir)));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.code} ${parsed.error.detail}`);
  return parsed.value;
}

describe('official-format fixtures', () => {
  it('cover every accepted import and export declaration type', () => {
    const types = files.map((f) => load(f).messageType).sort();
    expect(types).toEqual([...CEB_IMPORT_DECLARATION_TYPES, ...CEB_EXPORT_DECLARATION_TYPES].sort());
  });

  it.each(files)('%s parses and validates with zero violations', (file) => {
    const report = validateCebMessage(load(file));
    expect(report.violations).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each(files)('%s reads as head + lines with exact decimal strings', (file) => {
    const message = load(file);
    const report = validateCebMessage(message);
    if (!report.valid || !isCebDeclarationType(message.messageType)) throw new Error('fixture must be valid');
    const view = readCebDeclaration(report.message, message.messageType);
    expect(view?.units.length).toBeGreaterThan(0);
    expect(view?.baseTransfer.dxpMode).toBe('DXP');
    expect(view?.guid).toHaveLength(36);
  });
});

describe('readCebDeclaration', () => {
  it('keeps amounts as the exact strings sent and gnum as a number', () => {
    const report = validateCebMessage(load('ceb311-order.xml'));
    if (!report.valid) throw new Error('invalid');
    const order = readCebDeclaration(report.message, 'CEB311Message');
    const unit = order?.units[0];
    expect(unit?.head.acturalPaid).toBe('414.22');
    expect(unit?.head.goodsValue).toBe('398.00');
    expect(unit?.lists.map((l) => [l.gnum, l.totalPrice])).toEqual([
      [1, '338.00'],
      [2, '60.00'],
    ]);
    expect(order?.baseSubscribes[0]?.status).toBe('RET');
    expect(order?.signature).toBeUndefined();
  });

  it('exposes the signature element of a signed inventory and returns undefined for another type', () => {
    const report = validateCebMessage(load('ceb621-inventory.xml'));
    if (!report.valid) throw new Error('invalid');
    const inventory = readCebDeclaration(report.message, 'CEB621Message');
    expect(inventory?.signature?.name).toBe('Signature');
    expect(inventory?.units[0]?.lists.map((l) => l.gcode)).toEqual(['1901101000', '2106909090']);
    expect(readCebDeclaration(report.message, 'CEB311Message')).toBeUndefined();
  });

  it('maps headless units (CEB513 LogisticsStatus) to head with no lines', () => {
    const report = validateCebMessage(load('ceb513-waybill-status.xml'));
    if (!report.valid) throw new Error('invalid');
    const view = readCebDeclaration(report.message, 'CEB513Message');
    expect(view?.units[0]?.head.logisticsStatus).toBe('S');
    expect(view?.units[0]?.lists).toEqual([]);
  });
});
