import type { Actor } from '../../lib/actor';
import { declarationView, loadDeclaration } from './get-declaration';
import { type ProcurementDeps, requirePermission } from './procurement-access';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The declaration as a printable A4 page (HTML) for the broker: header fields, goods, remarks. */
export async function printDeclaration(deps: ProcurementDeps, actor: Actor, id: string): Promise<string> {
  requirePermission(actor, 'procurement:read');
  const d = await declarationView(deps, actor, await loadDeclaration(deps, actor, id));
  const field = (zh: string, en: string, value: unknown) =>
    `<tr><th>${esc(zh)}<br><small>${esc(en)}</small></th><td>${esc(value)}</td></tr>`;
  const rows = d.lines
    .map(
      (l) =>
        `<tr><td>${esc(l.no)}</td><td>${esc(l.hsCode)}</td><td>${esc(l.name)}</td><td>${l.quantities
          .map((q) => `${esc(q.quantity)} ${esc(q.unit)}`)
          .join('<br>')}</td><td class="n">${esc(l.valueUsd)}</td><td>${esc(l.basis)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>报关单 ${esc(d.declarationNo)}</title>
<style>
@page { size: A4; margin: 15mm } body { font: 12px/1.4 "Noto Sans CJK SC", sans-serif; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px } th, td { border: 1px solid #333; padding: 3px 5px; vertical-align: top }
th { background: #f2f2f2; text-align: left; width: 22% } td.n { text-align: right } h1 { font-size: 16px; text-align: center }
</style></head><body>
<h1>中华人民共和国海关出口货物报关单（市场采购 1039）<br><small>Export declaration — market procurement trade</small></h1>
<table>
${field('预录入编号', 'Platform number', d.declarationNo)}
${field('海关编号', 'Customs entry number', d.customsEntryNo ?? '—')}
${field('贸易方式', 'Trade mode', '市场采购 1039')}
${field('境内发货人', 'Consignor (operator)', `${d.consignor.name} / ${d.consignor.usci ?? ''} / ${d.consignor.customsCode ?? ''}`)}
${field('申报单位', 'Declarant (broker)', `${d.broker.name} / ${d.broker.customsCode ?? ''}`)}
${field('集装箱号 / 封志号', 'Container / seal', `${d.container.containerNo} / ${d.container.sealNo}`)}
${field('毛重 / 净重（千克）', 'Gross / net weight (kg)', `${d.container.grossWeightKg} / ${d.container.netWeightKg}`)}
${field('分票', 'Part', `${d.part.index} / ${d.part.count}`)}
${field('总价（美元）', 'Total value (USD)', `${d.totalValueUsd}（限额 ${d.limitUsd}，汇率日期 ${d.rateDate}）`)}
${field('简化申报', 'Simplified declaration', d.simplified ? '是 / yes' : '否 / no')}
${field('备注', 'Remarks', d.remarks)}
</table>
<table><thead><tr><th>项号</th><th>商品编号 HS</th><th>商品名称</th><th>数量及单位</th><th>总价 USD</th><th>依据</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>状态 Status: ${esc(d.status)} · 生成时间 Generated: ${esc(d.createdAt)}</p>
</body></html>
`;
}
