import { Readable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deviceRegisteredV1, siteCreateSchema } from '@fleetward/contracts';
import { MessageHeaders } from '@fleetward/platform';
import type { TestDatabase } from '@fleetward/platform/testing';
import { ImportJobRepository } from '../src/imports/import-job.repository.js';
import { IMPORT_CHUNK_ROWS } from '../src/imports/import.service.js';
import {
  importService,
  inventoryDatabase,
  inventoryServices,
  newOrgId,
  outboxEvents,
} from './support/inventory-fixture.js';

const BOM = '\uFEFF';

describe('CSV import (streamed COPY into staging, set-based upsert)', () => {
  let db: TestDatabase;
  let imports: ReturnType<typeof importService>;
  let svc: ReturnType<typeof inventoryServices>;
  const org = newOrgId();

  beforeAll(async () => {
    db = await inventoryDatabase();
    imports = importService(db.dataSource);
    svc = inventoryServices(db.dataSource);
    await svc.sites.create(org, siteCreateSchema.parse({ name: 'Store 214', code: 'S214' }));
  });
  afterAll(async () => {
    await db.drop();
  });

  const run = (csv: string | Readable, jobId?: string) =>
    imports.run({
      orgId: org,
      actor: 'user-1',
      fileName: 'devices.csv',
      jobId,
      body: typeof csv === 'string' ? Readable.from([csv]) : csv,
    });
  const rowErrors = (jobId: string) =>
    imports.inOrg(org, (m) => new ImportJobRepository().errors(m, org, jobId, 500, 0));

  it('lands good rows and reports bad ones with row number and reason (BOM, CRLF, quoted separators)', async () => {
    const csv =
      BOM +
      [
        'Vendor,Model,Type,Name,Serial Number,MAC,IP,Site Code,Purchase Date,Warranty End,Owner Team,Tags,Notes',
        'Axis,P3265,camera,"Dock, north",AX-1,AC-CC-8E-00-00-01,10.0.0.1,S214,2024-01-15,,OT,dock;outdoor,"said ""hi"""',
        'Axis,P3265,camera,Dock south,AX-2,,10.0.0.2,S214,2024-02-30,,OT,,',
        'Axis,P3265,toaster,Lobby,AX-3,,,,,,,,',
        'Axis,P3265,camera,Lobby,,,,,,,,,',
        'Axis,P3265,camera,Dup,AX-1,,,,,,,,',
        'Hanwha,XNV,camera,Same serial other vendor,AX-1,,,,,2029-12-31,IT,,',
        'HID,R10,reader,Door,H-1,not-a-mac,,,,,,,',
        'HID,R10,reader,Door 2,H-2,,,NOPE,,,,,',
        '',
      ].join('\r\n');
    const job = await run(csv);
    expect(job).toMatchObject({ status: 'done', rowsTotal: 8, rowsInserted: 2, rowsRejected: 6, rowsUpdated: 0 });
    const errors = await rowErrors(job.id);
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(errors.find((e) => e.row === 3)!.reason).toMatch(/purchase_date: not a valid date/);
    expect(errors.find((e) => e.row === 4)!.reason).toMatch(/^type:/);
    expect(errors.find((e) => e.row === 5)!.reason).toMatch(/serial/);
    expect(errors.find((e) => e.row === 6)!.reason).toBe('serial: duplicate of row 2 (same vendor and serial)');
    expect(errors.find((e) => e.row === 8)!.reason).toMatch(/^mac:/);
    expect(errors.find((e) => e.row === 9)!.reason).toBe('site_code: no site with code NOPE');

    const list = await svc.devices.list(org, { q: 'dock' }, 'name', 50);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      name: 'Dock, north',
      mac: 'ac:cc:8e:00:00:01',
      tags: ['dock', 'outdoor'],
      notes: 'said "hi"',
      ownerTeam: 'ot',
    });
    expect((await outboxEvents(db, 'device.registered')).filter((e) => e.orgId === org)).toHaveLength(2);
  });

  it('writes device.registered in bulk as envelopes the contract accepts, in the rows the relay publishes', async () => {
    const job = await run('vendor,type,serial,site_code,tags\nBosch,sensor,BU-1,S214,x;y\nBosch,sensor,BU-2,,\n');
    expect(job).toMatchObject({ status: 'done', rowsInserted: 2 });
    const rows: { id: string; subject: string; payload: unknown; headers: Record<string, string> }[] =
      await db.ownerDataSource.query(`SELECT id, subject, payload, headers FROM outbox`);
    const bulk = rows.filter((r) => (r.payload as { data: { serial?: string } }).data.serial?.startsWith('BU-'));
    expect(bulk).toHaveLength(2);
    for (const r of bulk) {
      const envelope = deviceRegisteredV1.envelope.parse(r.payload);
      expect(envelope).toMatchObject({ id: r.id, orgId: org, source: 'inventory', type: 'device.registered' });
      expect(r.subject).toBe(deviceRegisteredV1.subject(org));
      expect(r.headers).toEqual({ [MessageHeaders.correlationId]: envelope.correlationId });
      const device = await svc.devices.get(org, envelope.data.id);
      const { notes: _n, customFields: _c, warrantyEndSource: _w, ...state } = device;
      expect(envelope.data).toEqual({ ...state, orgId: org });
    }
  });

  it('gives every imported device its own heartbeat token hash, set-based', async () => {
    const hashes: { h: string | null }[] = await db.ownerDataSource.query(
      `SELECT heartbeat_token_hash AS h FROM device WHERE org_id = $1`,
      [org],
    );
    expect(hashes.length).toBeGreaterThan(2);
    expect(hashes.every((r) => /^[0-9a-f]{64}$/.test(r.h ?? ''))).toBe(true);
    expect(new Set(hashes.map((r) => r.h)).size).toBe(hashes.length);
  });

  it('is idempotent on (vendor, serial): importing again updates, never duplicates', async () => {
    const csv =
      'vendor,type,serial,name,firmware_version\nAXIS,camera,AX-1,Dock north,10.12\nHanwha,camera,AX-1,Same serial other vendor,\n';
    const first = await run(csv);
    expect(first).toMatchObject({ rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 1 });
    const again = await run(csv);
    expect(again).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    const all = await svc.devices.list(org, { vendor: 'axis' }, 'name', 50);
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ name: 'Dock north', firmwareVersion: '10.12', tags: ['dock', 'outdoor'] });
    const updates = (await outboxEvents(db, 'device.updated')).filter((e) => e.data.id === all.items[0]!.id);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data.changed.sort()).toEqual(['firmwareVersion', 'name', 'vendor']);
  });

  it('fails the job with a clear message when a required column is missing', async () => {
    const job = await run('vendor,name\nAxis,x\n');
    expect(job.status).toBe('failed');
    expect(job.error).toBe('the header lacks required column(s): serial, type');
  });

  it('streams a large file (30k rows, ~3 MB) with progress visible before it ends', async () => {
    const rows = 30_000;
    const jobId = '00000000-0000-4000-8000-000000000060';
    let seenProgress = 0;
    async function* file() {
      yield 'vendor,model,type,name,serial,ip,purchase_date,tags,notes\r\n';
      for (let i = 0; i < rows; i += 1_000) {
        let chunk = '';
        for (let j = i; j < i + 1_000; j++) {
          chunk += `Vendor${j % 7},M${j % 13},camera,"Cam ${j}, aisle",SN-${j},10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255},2023-05-0${(j % 9) + 1},a;b,padding-${'x'.repeat(40)}\r\n`;
        }
        if (i === 20_000) seenProgress = (await imports.get(org, jobId)).rowsTotal;
        yield chunk;
      }
    }
    const job = await run(Readable.from(file()), jobId);
    expect(job).toMatchObject({ status: 'done', rowsTotal: rows, rowsInserted: rows, rowsRejected: 0 });
    expect(seenProgress).toBeGreaterThan(0);
    expect(seenProgress).toBeLessThan(rows);
    expect((await svc.devices.counts(org, { vendor: 'vendor3' })).total).toBe(Math.ceil((rows - 3) / 7));
  }, 240_000);

  it('rejects a row holding a NUL character by itself (Postgres text cannot store one)', async () => {
    const job = await run('vendor,type,name,serial\nNul,camera,ok,NUL-1\nNul,camera,bad\u0000name,NUL-2\n');
    expect(job).toMatchObject({ status: 'done', rowsInserted: 1, rowsRejected: 1 });
    expect(await rowErrors(job.id)).toMatchObject([{ row: 3, reason: 'name: contains a NUL character' }]);
  });

  it('keeps the chunks committed before an upload broke, says so, and a second import completes the file', async () => {
    const rows = IMPORT_CHUNK_ROWS + 5_000;
    const header = 'vendor,type,name,serial\r\n';
    const line = (j: number) => `Chunky,camera,Cam ${j},CH-${j}\r\n`;
    const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => line(from + k)).join('');
    const jobId = '00000000-0000-4000-8000-000000000061';
    async function* broken() {
      yield header;
      yield lines(0, rows);
      // The upload breaks once the first chunk has landed (its progress is committed apart from the import).
      while ((await imports.get(org, jobId)).rowsInserted < IMPORT_CHUNK_ROWS) await setTimeout(20);
      throw new Error('the client went away');
    }
    const failed = await run(Readable.from(broken()), jobId);
    expect(failed).toMatchObject({ status: 'failed', rowsInserted: IMPORT_CHUNK_ROWS });
    expect(failed.error).toBe(
      `the client went away (${IMPORT_CHUNK_ROWS} rows had been imported by then; importing the file again completes ` +
        'it: rows match on vendor and serial and update in place)',
    );
    expect((await svc.devices.counts(org, { vendor: 'chunky' })).total).toBe(IMPORT_CHUNK_ROWS);

    const again = await run(header + lines(0, rows));
    expect(again).toMatchObject({ status: 'done', rowsInserted: 5_000, rowsUnchanged: IMPORT_CHUNK_ROWS, rowsRejected: 0 });
    expect((await svc.devices.counts(org, { vendor: 'chunky' })).total).toBe(rows);
  }, 240_000);
});
