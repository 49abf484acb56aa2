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

/**
 * The units of each fixture as the intake reads them (SHA-256 of their JSON). Kouan keeps a document's
 * unit only inside its stored message and reads it back with today's reading rules (server
 * documents.ts), so a change here — a regenerated schema, a changed reading rule — changes what
 * every stored document reads as. Such a change must be deliberate: update these only after deciding
 * how documents stored before it are to read.
 */
const UNITS_AS_READ: Record<string, string> = {
  'ceb303-export-order.xml': 'f506602023eb951e7fb7b9d230ef63e07d97caac44686367153609f21d2342e5',
  'ceb311-order.xml': '3fed09886b5b7bb51388f7c0c92609e59002a241aaff7156aafb713a07c6cee4',
  'ceb403-export-receipt.xml': 'c49b794e362764d58665afbd0dd33bce1eb58957ac8374b1488d283e06ce60b5',
  'ceb411-payment.xml': '0aac2bd5f8ca9753270f585599691c3f043c84d83fae48f13be34ea233962d88',
  'ceb505-export-waybill.xml': 'ee6d6d5ea776049f3042d63b80a20208aa2081a806543b44773336e2ec56bd12',
  'ceb507-export-arrival.xml': '266e07c63039ea60e1c9314efe9ba9bf4f7ec137172760f8d0f2fba97126f831',
  'ceb509-export-departure.xml': '1ac4b3657ee7290f84832b12980dfbce22f281716e66a1e1aecccc818f87b090',
  'ceb511-waybill.xml': '1ad75e13d6b552f305593a9f6a9b31985423bb0c6a8e17e65e031fa1195809f2',
  'ceb513-waybill-status.xml': 'fc6485294c038bd137459b99e4dda43a4100c49f40ea8465dec3a3db3b4bcc8f',
  'ceb603-export-inventory.xml': '11afc6739bba33f0e79c9fd5c760588d1ae8f7c7e8646a8369c4af560d03cdb7',
  'ceb605-export-cancel.xml': '7e2538efe3a74d3b6c3f2173a36f11b20af90509f93c54ffc6f634f0186c9e80',
  'ceb607-export-waybill-list.xml': '7177f54470e37a1c7c2171db127b61b2e44912f398fc1add0fffba27374a7121',
  'ceb621-inventory.xml': '4b57495b5d277d50d4cdcfe04100559ae0c88a9870507ba94e2decb5e6efa59b',
  'ceb623-cancel.xml': 'd3ccc5813db724751ed860170bee4531d972ef68fc87048f3560aec04e0815cc',
  'ceb625-refund.xml': '555db93a222dd8dd1c214660921c11c5299da9a6eac1665e51355c81376ae2d9',
  'ceb701-export-summary.xml': 'aa11ecee59ee82be7dea3bc16033dad3fd1257723bffdfda2df4f783621b5204',
  'ceb711-delivery.xml': '360799952dd623a2824364f15d820cfc09890b1f049e984eaadb95b238c27322',
};

describe('units as stored documents read them', () => {
  it.each(files)('%s reads as it did when its documents were stored', async (file) => {
    const { createHash } = await import('node:crypto');
    const message = load(file);
    if (!isCebDeclarationType(message.messageType)) throw new Error('fixture must be a declaration');
    const view = readCebDeclaration(message as never, message.messageType);
    const units = view?.units.map((u) => ({ head: u.head, lists: u.lists }));
    const digest = createHash('sha256').update(JSON.stringify(units)).digest('hex');
    expect(digest).toBe(UNITS_AS_READ[file]);
  });
});
