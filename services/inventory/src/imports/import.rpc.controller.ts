import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { decodeCursor, handleRpc, pageFrom } from '@fleetward/platform';
import { uuidOrInvalid } from '../common/cursor-position.js';
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
        const before = decodeCursor(r.cursor, 2);
        const rows = await this.jobs.list(
          m,
          r.caller.orgId,
          r.limit + 1,
          before ? { at: String(before[0]), id: uuidOrInvalid(before[1]) } : undefined,
        );
        return pageFrom(
          rows,
          r.limit,
          ({ key: _key, ...job }) => job,
          (j) => [j.key, j.id],
        );
      }),
    );
  }

  @MessagePattern(InventoryRpc.importsErrors.pattern)
  errors(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.importsErrors, payload, async (r) => {
      await this.imports.get(r.caller.orgId, r.id);
      const after = Number(decodeCursor(r.cursor, 1)?.[0] ?? 0) || 0;
      const rows = await this.imports.inOrg(r.caller.orgId, (m) =>
        this.jobs.errors(m, r.caller.orgId, r.id, r.limit + 1, after),
      );
      return pageFrom(
        rows,
        r.limit,
        (e) => e,
        (e) => [e.row],
      );
    });
  }
}
