import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { LifecycleRpc } from '@fleetward/contracts';
import { Clock, handleRpc, withOrg } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service.js';
import { parseFeed } from '../catalog/feed-parser.js';
import { ComplianceQueries } from '../compliance/compliance.queries.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { LifecycleErrors, READERS, requireRole, WRITERS } from '../lifecycle.exception.js';

/** Firmware catalog, baselines and compliance over NATS request/reply. */
@Controller()
export class FirmwareRpcController {
  private readonly compliance = new ComplianceQueries();

  constructor(
    private readonly catalog: CatalogService,
    private readonly evaluation: EvaluationService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @MessagePattern(LifecycleRpc.firmwareImport.pattern)
  import(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.firmwareImport, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'import firmware');
      const feed = parseFeed(r.content, r.format);
      return { ...(await this.catalog.importReleases(feed.releases, r.caller.correlationId)), problems: feed.problems };
    });
  }

  @MessagePattern(LifecycleRpc.firmwareAdd.pattern)
  add(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.firmwareAdd, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'add firmware');
      const result = await this.catalog.importReleases([r.release], r.caller.correlationId);
      if (result.skipped.length) throw LifecycleErrors.versionWithoutNumber(r.release.version);
      return { ...result, problems: [] };
    });
  }

  @MessagePattern(LifecycleRpc.firmwareList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.firmwareList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read firmware');
      return {
        items: await this.catalog.listReleases({ vendor: r.vendor, model: r.model, limit: r.limit, offset: r.offset }),
      };
    });
  }

  @MessagePattern(LifecycleRpc.modelSupportSet.pattern)
  modelSupport(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.modelSupportSet, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'set end of support');
      await this.catalog.setModelSupport(r.items);
      return { ok: true as const };
    });
  }

  @MessagePattern(LifecycleRpc.baselinesList.pattern)
  baselines(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.baselinesList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read baselines');
      return {
        items: await withOrg(this.dataSource, r.caller.orgId, (m) => this.compliance.listBaselines(m, r.caller.orgId)),
      };
    });
  }

  @MessagePattern(LifecycleRpc.baselinesPut.pattern)
  putBaseline(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.baselinesPut, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'set baselines');
      const org = r.caller.orgId;
      const saved = await withOrg(this.dataSource, org, (m) => this.compliance.putBaseline(m, org, r.baseline));
      if (!saved) throw LifecycleErrors.versionWithoutNumber(r.baseline.version);
      await this.evaluation.reevaluate(org, this.clock.now(), r.caller.correlationId);
      return r.baseline;
    });
  }

  @MessagePattern(LifecycleRpc.baselinesDelete.pattern)
  deleteBaseline(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.baselinesDelete, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'delete baselines');
      const org = r.caller.orgId;
      const gone = await withOrg(this.dataSource, org, (m) =>
        this.compliance.deleteBaseline(m, org, r.vendor, r.model),
      );
      if (!gone) throw LifecycleErrors.baselineNotFound();
      await this.evaluation.reevaluate(org, this.clock.now(), r.caller.correlationId);
      return { ok: true as const };
    });
  }

  @MessagePattern(LifecycleRpc.complianceList.pattern)
  complianceList(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.complianceList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read compliance');
      const org = r.caller.orgId;
      const items = await withOrg(this.dataSource, org, (m) =>
        this.compliance.list(
          m,
          org,
          { status: r.status, compliant: r.compliant, limit: r.limit + 1, after: r.cursor },
          this.clock.now(),
        ),
      );
      const page = items.slice(0, r.limit);
      return { items: page, nextCursor: items.length > r.limit ? page[page.length - 1].deviceId : null };
    });
  }

  @MessagePattern(LifecycleRpc.complianceGet.pattern)
  complianceGet(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.complianceGet, payload, async (r) => {
      requireRole(r.caller, READERS, 'read compliance');
      const org = r.caller.orgId;
      const [item] = await withOrg(this.dataSource, org, (m) =>
        this.compliance.list(m, org, { deviceId: r.deviceId, limit: 1 }, this.clock.now()),
      );
      if (!item) throw LifecycleErrors.deviceNotFound(r.deviceId);
      return item;
    });
  }

  @MessagePattern(LifecycleRpc.complianceBreakdown.pattern)
  complianceBreakdown(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.complianceBreakdown, payload, async (r) => {
      requireRole(r.caller, READERS, 'read compliance');
      const rows = await withOrg(this.dataSource, r.caller.orgId, (m) =>
        this.compliance.breakdown(m, r.caller.orgId, r.by),
      );
      return { rows };
    });
  }

  @MessagePattern(LifecycleRpc.complianceSummary.pattern)
  complianceSummary(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.complianceSummary, payload, (r) => {
      requireRole(r.caller, READERS, 'read compliance');
      return withOrg(this.dataSource, r.caller.orgId, (m) => this.compliance.summary(m, r.caller.orgId));
    });
  }
}
