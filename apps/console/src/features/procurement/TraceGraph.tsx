import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { Chart, type ChartOption } from '../../shared/Chart';
import type { PartyRef, Trace } from './types';

type Node = { id: string; name: string; category: number; value: string };
type Link = { source: string; target: string; label?: { show: boolean; formatter: string } };

/** The trace of a declaration as a graph: parties → transactions → container → declaration. */
export function TraceGraph({ trace, onOpenParty }: { trace: Trace; onOpenParty?: (id: string) => void }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const categories = [
      t('trace.declaration'),
      t('trace.container'),
      t('trace.transaction'),
      t('trace.supplier'),
      t('trace.purchaser'),
      t('trace.operator'),
      t('trace.broker'),
      t('trace.manufacturer'),
    ];
    const nodes: Node[] = [];
    const links: Link[] = [];
    const seen = new Set<string>();
    const add = (node: Node) => {
      if (!seen.has(node.id)) {
        seen.add(node.id);
        nodes.push(node);
      }
    };
    const party = (p: PartyRef, category: number) =>
      add({ id: p.id, name: p.name, category, value: p.usci ?? p.customsCode ?? p.passport ?? p.id });
    const d = trace.declaration;
    add({ id: d.id, name: d.declarationNo, category: 0, value: `USD ${d.totalValueUsd} · ${d.status}` });
    if (trace.container) {
      add({
        id: trace.container.id,
        name: trace.container.containerNo,
        category: 1,
        value: trace.container.sealNo,
      });
      links.push({ source: trace.container.id, target: d.id });
    }
    for (const raw of trace.transactions) {
      const tx = raw as {
        id?: string;
        supplierId?: string;
        purchaserId?: string;
        totalAmount?: string;
        currency?: string;
      };
      if (!tx.id) continue;
      add({
        id: tx.id,
        name: tx.id.slice(0, 12),
        category: 2,
        value: `${tx.totalAmount ?? ''} ${tx.currency ?? ''}`,
      });
      links.push({ source: tx.id, target: trace.container?.id ?? d.id });
      if (tx.supplierId) links.push({ source: tx.supplierId, target: tx.id });
      if (tx.purchaserId) links.push({ source: tx.id, target: tx.purchaserId });
    }
    for (const p of trace.suppliers) party(p, 3);
    for (const p of trace.purchasers) party(p, 4);
    for (const p of trace.manufacturers) party(p, 7);
    if (trace.operator) {
      party(trace.operator, 5);
      links.push({ source: trace.operator.id, target: trace.container?.id ?? d.id });
    }
    if (trace.broker) {
      party(trace.broker, 6);
      links.push({ source: trace.broker.id, target: d.id });
    }
    if (trace.transactions.length === 0) {
      for (const p of trace.suppliers) links.push({ source: p.id, target: trace.container?.id ?? d.id });
      for (const p of trace.purchasers) links.push({ source: d.id, target: p.id });
    }
    const valid = links.filter((l) => seen.has(l.source) && seen.has(l.target));
    return {
      tooltip: {
        formatter: (p: { data: { name?: string; value?: string } }) =>
          `${p.data.name ?? ''}<br/>${p.data.value ?? ''}`,
      },
      legend: { data: categories, bottom: 0 },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 320, edgeLength: [80, 140] },
          symbolSize: 42,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 8,
          label: { show: true, position: 'bottom', fontSize: 11, width: 120, overflow: 'truncate' },
          categories: categories.map((name) => ({ name })),
          data: nodes,
          links: valid,
          lineStyle: { color: '#8c8c8c', width: 1.5, curveness: 0.1 },
        },
      ],
    };
  }, [trace, t]);
  return (
    <Chart
      testId="trace-graph"
      option={option}
      height={460}
      onClick={(item) => {
        const id = (item.data as { id?: string; category?: number } | undefined)?.id;
        const category = (item.data as { category?: number } | undefined)?.category;
        if (id && category !== undefined && category >= 3) onOpenParty?.(id);
      }}
    />
  );
}
