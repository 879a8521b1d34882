import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { firmwareReleaseInputSchema, type FirmwareReleaseInput } from './firmware-release.schema.js';

export interface FeedProblem {
  row: number;
  message: string;
}

export interface ParsedFeed {
  releases: FirmwareReleaseInput[];
  problems: FeedProblem[];
}

const jsonFeedSchema = z.union([z.array(z.unknown()), z.object({ releases: z.array(z.unknown()) })]);

/**
 * A vendor feed file: JSON (an array of releases, or `{ "releases": [...] }`) or CSV with the header
 * `vendor,models,version,release_date,track,line,line_end_of_support,cves,release_notes_url` where `models` is
 * separated by `;` and `cves` is `CVE-2026-1234:high;CVE-2026-5678:critical`. Bad rows are reported, not imported.
 */
export function parseFeed(content: string, format: 'json' | 'csv'): ParsedFeed {
  const raw = format === 'json' ? jsonRows(content) : csvRows(content);
  const releases: FirmwareReleaseInput[] = [];
  const problems: FeedProblem[] = [];
  raw.forEach((r, i) => {
    const parsed = firmwareReleaseInputSchema.safeParse(r);
    if (parsed.success) releases.push(parsed.data);
    else problems.push({ row: i + 1, message: z.prettifyError(parsed.error).replace(/\n/g, '; ') });
  });
  return { releases, problems };
}

function jsonRows(content: string): unknown[] {
  const doc = jsonFeedSchema.parse(JSON.parse(content));
  return Array.isArray(doc) ? doc : doc.releases;
}

function csvRows(content: string): unknown[] {
  const rows: Array<Record<string, string>> = parse(content, { columns: true, skip_empty_lines: true, trim: true });
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean);
  const opt = (v: string | undefined) => (v ? v : undefined);
  return rows.map((r) => ({
    vendor: r['vendor'],
    models: list(r['models']),
    version: r['version'],
    releaseDate: r['release_date'],
    track: opt(r['track']),
    line: opt(r['line']),
    lineEndOfSupport: opt(r['line_end_of_support']) ?? null,
    cves: list(r['cves']).map((c) => {
      const [id, severity] = c.split(':');
      return { id, severity: severity?.toLowerCase() };
    }),
    releaseNotesUrl: opt(r['release_notes_url']) ?? null,
  }));
}
