/**
 * A small RFC 4180 reader for reference-data files (tax rates, positive list): comma separated, fields
 * optionally in double quotes (a quote inside doubled), CRLF or LF, a UTF-8 BOM ignored, blank lines and
 * lines starting with `#` skipped. Bounded: at most CSV_MAX_ROWS rows and CSV_MAX_FIELD_CHARS per field.
 */
export const CSV_MAX_ROWS = 20_000;
export const CSV_MAX_FIELD_CHARS = 1_000;

export interface CsvRow {
  /** 1-based line number where the row starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvError {
  readonly line: number;
  readonly zh: string;
  readonly en: string;
}

export function readCsv(text: string): { rows: CsvRow[]; errors: CsvError[] } {
  const rows: CsvRow[] = [];
  const errors: CsvError[] = [];
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let done = false;
    let bad = false;
    while (i < src.length && !done) {
      const c = src[i]!;
      if (quoted) {
        if (c === '"' && src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        if (c === '"') quoted = false;
        else {
          if (c === '\n') line++;
          field += c;
        }
        i++;
        continue;
      }
      if (c === '"' && field === '') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && src[i + 1] === '\n') i++;
        line++;
        done = true;
      } else field += c;
      if (field.length > CSV_MAX_FIELD_CHARS) bad = true;
      i++;
    }
    if (quoted) {
      errors.push({ line: start, zh: '引号未闭合', en: 'unterminated quoted field' });
      break;
    }
    fields.push(field);
    if (bad) {
      errors.push({
        line: start,
        zh: `字段超过 ${CSV_MAX_FIELD_CHARS} 个字符`,
        en: `a field is longer than ${CSV_MAX_FIELD_CHARS} characters`,
      });
      continue;
    }
    const blank = fields.length === 1 && fields[0]!.trim() === '';
    if (blank || fields[0]!.startsWith('#')) continue;
    if (rows.length >= CSV_MAX_ROWS) {
      errors.push({ line: start, zh: `超过 ${CSV_MAX_ROWS} 行`, en: `more than ${CSV_MAX_ROWS} rows` });
      break;
    }
    rows.push({ line: start, fields: fields.map((f) => f.trim()) });
  }
  return { rows, errors };
}

/**
 * Column positions from a header row by name (case-insensitive); names missing from `required` are
 * reported as one error on the header's line.
 */
export function headerIndex(
  header: CsvRow | undefined,
  required: readonly string[],
  optional: readonly string[] = [],
): { index: Map<string, number>; error?: CsvError } {
  const index = new Map<string, number>();
  const names = (header?.fields ?? []).map((f) => f.toLowerCase());
  for (const name of [...required, ...optional]) {
    const at = names.indexOf(name.toLowerCase());
    if (at >= 0) index.set(name, at);
  }
  const missing = required.filter((n) => !index.has(n));
  if (missing.length === 0) return { index };
  return {
    index,
    error: {
      line: header?.line ?? 1,
      zh: `表头缺少列：${missing.join('、')}（应为 ${required.join(',')}）`,
      en: `the header lacks column(s) ${missing.join(', ')} (expected ${required.join(',')})`,
    },
  };
}
