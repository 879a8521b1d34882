// The public API calls of the convergence benchmark (admin key of the demo organisation).
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call({ gateway, apiKey }, method, path, body, headers = {}) {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body && !headers['content-type'] ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body && typeof body === 'object' && !body.pipe ? JSON.stringify(body) : body,
    duplex: body ? 'half' : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

export async function createSites(api, run, count) {
  const codes = [];
  for (let i = 0; i < count; i++) {
    const code = `CV-${run}-${i}`;
    await call(api, 'POST', '/api/v1/sites', { name: `Convergence ${run} site ${i}`, code, timezone: 'Europe/Paris' });
    codes.push(code);
  }
  return codes;
}

/** Streams the CSV to the import endpoint and waits for the job to finish. */
export async function importCsv(api, file) {
  const jobId = randomUUID();
  const upload = call(
    api,
    'POST',
    `/api/v1/devices/imports?jobId=${jobId}&fileName=convergence.csv`,
    createReadStream(file),
    {
      'content-type': 'text/csv',
      'content-length': String(statSync(file).size),
    },
  );
  const job = await upload;
  if (job.status === 'done') return job;
  for (;;) {
    const now = await call(api, 'GET', `/api/v1/devices/imports/${jobId}`);
    if (now.status !== 'running') return now;
    await sleep(250);
  }
}

export async function trackedDevices(api) {
  return (await call(api, 'GET', '/api/v1/health/summary')).total;
}

/** Open and acknowledged incidents of the organisation. */
export async function countIncidents(api) {
  let count = 0;
  let cursor = null;
  do {
    const page = await call(
      api,
      'GET',
      `/api/v1/incidents?status=active&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
