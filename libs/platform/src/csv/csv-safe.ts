import { stringify, type Options, type Stringifier } from 'csv-stringify';

/**
 * CSV injection (CWE-1236): a spreadsheet opening an export reads a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return as a formula (`=cmd|' /C calc'!A0`, `=HYPERLINK(...)`). Every CSV export writes such text
 * cells with a leading `'`, which spreadsheets show as text and do not evaluate (OWASP's recommendation). Numbers are
 * written as they are. The same rule exists as SQL for reports streamed by `COPY ... TO STDOUT`.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

export function csvSafeCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
}

/** A csv-stringify stream whose every string cell passes `csvSafeCell`: the one way exports write CSV. */
export function csvStringifier(options: Options = {}): Stringifier {
  return stringify({ ...options, cast: { ...options.cast, string: (value) => String(csvSafeCell(value)) } });
}

/** `csvSafeCell` as a SQL expression over a text expression, for `COPY (query) TO STDOUT WITH (FORMAT csv)`. */
export function csvSafeSql(expr: string): string {
  const text = `(${expr})::text`;
  return `CASE WHEN left(${text}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${text} ELSE ${text} END`;
}
