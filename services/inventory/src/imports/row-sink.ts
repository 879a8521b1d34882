import { copyArray, copyField, copyLine } from './copy-format.js';
import type { CsvColumn } from './csv-columns.js';
import { parseImportRow } from './import-row.js';

type RowError = { row: number; reason: string; raw: string | null };

const PROGRESS_EVERY = 5_000;

/**
 * Turns parsed CSV records into COPY lines: validates each, rejects duplicates of an earlier row (same vendor and
 * serial), and batches progress and errors. Row numbers are spreadsheet rows: the header is row 1.
 */
export class RowSink {
  total = 0;
  rejected = 0;
  private readonly seen = new Map<string, number>();
  private pendingErrors: RowError[] = [];
  private lastReported = 0;

  constructor(
    private readonly columns: (CsvColumn | null)[],
    private readonly progress: (c: { rowsTotal: number; rowsRejected: number }) => Promise<void>,
    private readonly errors: (e: RowError[]) => Promise<void>,
  ) {}

  presentColumns(): CsvColumn[] {
    return this.columns.filter((c): c is CsvColumn => c !== null);
  }

  /** The COPY line for a good row, or null when the row is rejected. */
  accept(record: string[]): string | null {
    this.total += 1;
    const rowNumber = this.total + 1;
    const values: Partial<Record<CsvColumn, string>> = {};
    this.columns.forEach((c, i) => {
      if (c && record[i] !== undefined) values[c] = record[i];
    });
    const parsed = parseImportRow(values);
    if ('reason' in parsed) return this.reject(rowNumber, parsed.reason, record);
    const r = parsed.row;
    const key = `${r.vendor.toLowerCase()}\u0000${r.serial}`;
    const first = this.seen.get(key);
    if (first !== undefined)
      return this.reject(rowNumber, `serial: duplicate of row ${first} (same vendor and serial)`, record);
    this.seen.set(key, rowNumber);
    return copyLine([
      String(rowNumber),
      copyField(r.vendor),
      copyField(r.vendor.toLowerCase()),
      copyField(r.model),
      copyField(r.type),
      copyField(r.name),
      copyField(r.serial),
      copyField(r.mac),
      copyField(r.ip),
      copyField(r.hostname),
      copyField(r.site_code),
      copyField(r.firmware_version),
      copyField(r.install_date),
      copyField(r.purchase_date),
      copyField(r.purchase_cost),
      copyField(r.warranty_end),
      copyField(r.owner_team),
      copyField(r.status),
      copyArray(r.tags),
      copyField(r.notes),
    ]);
  }

  /** True when progress and errors should be written now (checked per row without an await). */
  get flushDue(): boolean {
    return this.total - this.lastReported >= PROGRESS_EVERY || this.pendingErrors.length >= 1_000;
  }

  async flush(): Promise<void> {
    const batch = this.pendingErrors;
    this.pendingErrors = [];
    await this.errors(batch);
    this.lastReported = this.total;
    await this.progress({ rowsTotal: this.total, rowsRejected: this.rejected });
  }

  private reject(row: number, reason: string, record: string[]): null {
    this.rejected += 1;
    this.pendingErrors.push({ row, reason, raw: JSON.stringify(record) });
    return null;
  }
}
