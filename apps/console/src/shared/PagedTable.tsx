import { DownloadOutlined } from '@ant-design/icons';
import { type ActionType, type ProColumns, ProTable } from '@ant-design/pro-components';
import { App, Button, Empty, Progress } from 'antd';
import { type ReactNode, type Ref, useRef, useState } from 'react';
import { ApiError, type Page } from '../app/api';
import { useI18n } from '../app/i18n';
import { exportXlsx } from './export-xlsx';

/** Largest page the API serves, and the most rows one export fetches. */
const API_MAX_PAGE_SIZE = 200;
const MAX_EXPORT_ROWS = 10_000;

export type Filters = Record<string, string | number | undefined>;

type Props<T extends Record<string, unknown>> = {
  rowKey: string;
  columns: ProColumns<T>[];
  /** Loads one page with the search form's filters (the API does the filtering and paging). */
  fetchPage: (query: Filters & { page: number; pageSize: number }) => Promise<Page<T>>;
  exportName: string;
  /** Cell text for the export, per column dataIndex; defaults to the raw value. */
  exportValue?: (row: T, key: string) => string | number | null | undefined;
  emptyText: ReactNode;
  toolbar?: ReactNode[];
  search?: false;
  actionRef?: Ref<ActionType | undefined>;
  testId?: string;
};

/** A paged, filtered list with an "export to Excel" button that fetches every page of the current filter. */
export function PagedTable<T extends Record<string, unknown>>(props: Props<T>) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const filters = useRef<Filters>({});
  const [exporting, setExporting] = useState<number | null>(null);

  const runExport = async () => {
    setExporting(0);
    try {
      const rows: T[] = [];
      for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
        const result = await props.fetchPage({ ...filters.current, page, pageSize: API_MAX_PAGE_SIZE });
        rows.push(...result.items);
        setExporting(Math.round((100 * rows.length) / Math.max(1, Math.min(result.total, MAX_EXPORT_ROWS))));
        if (result.items.length < API_MAX_PAGE_SIZE || rows.length >= result.total) break;
      }
      const columns = props.columns
        .filter((c) => c.dataIndex !== undefined && !c.hideInTable && c.valueType !== 'option')
        .map((c) => {
          const key = String(c.dataIndex);
          return {
            header: typeof c.title === 'string' ? c.title : key,
            value: (row: T) => {
              if (props.exportValue) return props.exportValue(row, key);
              const v = row[key];
              return typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string | number | null);
            },
          };
        });
      await exportXlsx(props.exportName, columns, rows.slice(0, MAX_EXPORT_ROWS));
      message.success(t('common.exported', { n: Math.min(rows.length, MAX_EXPORT_ROWS) }));
    } catch (e) {
      modal.error({
        title: t('common.exportFailed'),
        content: e instanceof ApiError ? pick(e.messages) : String(e),
      });
    } finally {
      setExporting(null);
    }
  };

  return (
    <div data-testid={props.testId}>
      <ProTable<T, Filters>
        rowKey={props.rowKey}
        columns={props.columns}
        actionRef={props.actionRef}
        search={props.search === false ? false : { labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100, 200] }}
        locale={{ emptyText: <Empty description={props.emptyText} /> }}
        request={async (params) => {
          const { current, pageSize, ...rest } = params;
          const query: Filters = {};
          for (const [key, value] of Object.entries(rest)) {
            if (value !== undefined && value !== '' && value !== null) query[key] = value as string;
          }
          filters.current = query;
          try {
            const result = await props.fetchPage({ ...query, page: current ?? 1, pageSize: pageSize ?? 20 });
            return { data: result.items, total: result.total, success: true };
          } catch (e) {
            message.error(e instanceof ApiError ? pick(e.messages) : String(e));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          ...(props.toolbar ?? []),
          exporting === null ? (
            <Button key="export" icon={<DownloadOutlined />} onClick={() => void runExport()}>
              {t('common.export')}
            </Button>
          ) : (
            <Progress key="export" percent={exporting} size="small" style={{ width: 160 }} />
          ),
        ]}
      />
    </div>
  );
}
