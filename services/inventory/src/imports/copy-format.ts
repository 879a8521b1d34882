/** Postgres COPY text format: tab-separated, `\N` for null, backslash escapes. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A text[] as an array literal, then COPY-escaped. */
export function copyArray(values: string[]): string {
  return copyField(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

export function copyLine(fields: string[]): string {
  return `${fields.join('\t')}\n`;
}
