import type { ProColumns } from '@ant-design/pro-components';
import { Tooltip } from 'antd';

/**
 * A party shown by name (the list responses carry `…Name`, masked as the API decides), its id on
 * hover; with `filterTitle`, a hidden column keeps the search form's filter by id.
 */
export function partyColumns<T extends Record<string, unknown>>(
  title: string,
  nameKey: keyof T & string,
  idKey: keyof T & string,
  filterTitle?: string,
): ProColumns<T>[] {
  const name: ProColumns<T> = {
    title,
    dataIndex: nameKey,
    search: false,
    render: (_, row) => {
      const id = row[idKey] as string | null | undefined;
      if (!id) return '—';
      return (
        <Tooltip title={id}>
          <span data-party-id={id}>{(row[nameKey] as string | undefined) ?? id}</span>
        </Tooltip>
      );
    },
  };
  if (!filterTitle) return [name];
  return [name, { title: filterTitle, dataIndex: idKey, hideInTable: true }];
}
