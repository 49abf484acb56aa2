/** Writes rows to an .xlsx file in the browser. The Excel writer is loaded only when a user exports. */
export type ExportColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };

export async function exportXlsx<T>(fileName: string, columns: ExportColumn<T>[], rows: T[]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const body = rows.map((row) =>
    columns.map((c) => {
      const value = c.value(row);
      if (value === null || value === undefined) return null;
      return typeof value === 'number' ? { value, type: Number } : { value: String(value), type: String };
    }),
  );
  await writeXlsxFile([header, ...body]).toFile(fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`);
}
