import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { ImportJobRepository } from './import-job.repository.js';
import { ImportService } from './import.service.js';

/** Polling an import and reading its rejected rows (the upload itself streams over HTTP: ImportHttpController). */
@Controller()
export class ImportRpcController {
  constructor(
    private readonly imports: ImportService,
    private readonly jobs: ImportJobRepository,
  ) {}

  @MessagePattern(InventoryRpc.importsGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.importsGet, payload, (r) => this.imports.get(r.caller.orgId, r.id));
  }

  @MessagePattern(InventoryRpc.importsList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.importsList, payload, (r) =>
      this.imports.inOrg(r.caller.orgId, async (m) => {
        const [at, id] = r.cursor ? Buffer.from(r.cursor, 'base64url').toString().split('|') : [];
        const rows = await this.jobs.list(m, r.caller.orgId, r.limit + 1, at && id ? { at, id } : undefined);
        const page = rows.slice(0, r.limit);
        const last = page[page.length - 1];
        return {
          items: page.map(({ key: _key, ...job }) => job),
          nextCursor:
            rows.length > r.limit && last ? Buffer.from(`${last.key}|${last.id}`).toString('base64url') : null,
        };
      }),
    );
  }

  @MessagePattern(InventoryRpc.importsErrors.pattern)
  errors(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.importsErrors, payload, async (r) => {
      await this.imports.get(r.caller.orgId, r.id);
      const after = r.cursor ? Number(Buffer.from(r.cursor, 'base64url').toString()) || 0 : 0;
      const rows = await this.imports.inOrg(r.caller.orgId, (m) =>
        this.jobs.errors(m, r.caller.orgId, r.id, r.limit + 1, after),
      );
      const page = rows.slice(0, r.limit);
      const last = page[page.length - 1];
      return {
        items: page,
        nextCursor: rows.length > r.limit && last ? Buffer.from(String(last.row)).toString('base64url') : null,
      };
    });
  }
}
