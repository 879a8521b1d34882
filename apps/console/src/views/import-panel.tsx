import { useState } from 'preact/hooks';
import { ApiError, itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { fillPath } from '../logic/openapi-routes.js';
import { queryString } from '../logic/query.js';

interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  error: string | null;
}

interface RowError {
  row: number;
  reason: string;
  raw: string | null;
}

/**
 * Uploads a device CSV. The upload answers when the import is finished; meanwhile the job (named by a client-chosen
 * id) is polled for progress. Then the rejected rows are listed with their reasons.
 */
export function ImportPanel() {
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ep = session.endpoints;
  const run = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setErrors([]);
    setJob(null);
    const jobId = crypto.randomUUID();
    let finished = false;
    const poll = async () => {
      while (!finished && ep.importGet) {
        await new Promise((r) => setTimeout(r, 500));
        const j = await session.api.get<ImportJob>(fillPath(ep.importGet.path, jobId)).catch(() => null);
        if (j && !finished) setJob(j);
      }
    };
    void poll();
    try {
      const done = await session.api.request<ImportJob>('POST', ep.importCreate!.path + queryString({ jobId, fileName: file.name }), await file.text(), 'text/csv');
      finished = true;
      setJob(done);
      if (done.rowsRejected > 0 && ep.importErrors) {
        const page = await session.api.get<unknown>(fillPath(ep.importErrors.path, done.id) + '?limit=500');
        setErrors(itemsOf<RowError>(page).items);
      }
    } catch (err) {
      setFailure(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
    } finally {
      finished = true;
      setBusy(false);
    }
  };
  const pct = job && job.rowsTotal > 0 ? Math.round(((job.rowsInserted + job.rowsUpdated + job.rowsUnchanged + job.rowsRejected) / job.rowsTotal) * 100) : null;
  return (
    <form onSubmit={run} class="import" aria-label="Import devices from CSV">
      <label>
        CSV file <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </label>
      <button type="submit" disabled={!file || busy}>Import</button>
      {busy && (
        <p role="status">
          Importing… {job ? `${job.rowsTotal} rows read` : ''} {pct !== null && <progress max={100} value={pct}>{pct}%</progress>}
        </p>
      )}
      {failure && <p class="error" role="alert">Import failed: {failure}</p>}
      {job && !busy && (
        <p role="status" data-testid="import-result">
          {job.status === 'failed' ? `Import failed: ${job.error ?? 'unknown error'}` : `${job.rowsInserted + job.rowsUpdated + job.rowsUnchanged} imported (${job.rowsInserted} new, ${job.rowsUpdated} updated, ${job.rowsUnchanged} unchanged), ${job.rowsRejected} rejected`}
          {job.rowsRejected > 0 && ep.importErrorsCsv && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void session.api.download(fillPath(ep.importErrorsCsv!.path, job.id), `import-${job.id}-errors.csv`)}>
                Download rejected rows
              </button>
            </>
          )}
        </p>
      )}
      {errors.length > 0 && (
        <table data-testid="import-errors">
          <caption>Rejected rows</caption>
          <thead><tr><th scope="col">Row</th><th scope="col">Reason</th><th scope="col">Values</th></tr></thead>
          <tbody>{errors.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.reason}</td><td><code>{r.raw ?? ''}</code></td></tr>)}</tbody>
        </table>
      )}
    </form>
  );
}
