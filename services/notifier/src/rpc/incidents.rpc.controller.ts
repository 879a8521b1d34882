import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotifierRpc } from '@fleetward/contracts';
import { decodeCursor, handleRpc, pageFrom, withOrg } from '@fleetward/platform';
import { DeliveryRepository, toDelivery } from '../delivery/delivery.repository.js';
import { IncidentService } from '../incidents/incident.service.js';
import { toIncident } from '../incidents/incident.row.js';

/** Incidents and their delivery log. */
@Controller()
export class IncidentsRpcController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly incidents: IncidentService,
    private readonly deliveries: DeliveryRepository,
  ) {}

  @MessagePattern(NotifierRpc.incidentsList.pattern)
  list(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.incidentsList, p, (r) => this.incidents.list(r.caller, r.filter, r.cursor, r.limit));
  }

  @MessagePattern(NotifierRpc.incidentsGet.pattern)
  get(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.incidentsGet, p, async (r) => {
      const { row, log } = await this.incidents.get(r.caller, r.id);
      const deliveries = await withOrg(this.ds, r.caller.orgId, (m) => this.deliveries.list(m, r.caller.orgId, { incidentId: r.id }, null, 200));
      return {
        ...toIncident(row),
        log: log.map((l) => ({ at: l.at.toISOString(), what: l.what, by: l.by, note: l.note })),
        deliveries: deliveries.slice(0, 200).map(toDelivery),
      };
    });
  }

  @MessagePattern(NotifierRpc.incidentsAcknowledge.pattern)
  acknowledge(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.incidentsAcknowledge, p, (r) => this.incidents.acknowledge(r.caller, r.id, r.note ?? null));
  }

  @MessagePattern(NotifierRpc.incidentsResolve.pattern)
  resolve(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.incidentsResolve, p, (r) => this.incidents.resolve(r.caller, r.id, r.note ?? null));
  }

  @MessagePattern(NotifierRpc.deliveriesList.pattern)
  deliveriesList(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.deliveriesList, p, (r) =>
      withOrg(this.ds, r.caller.orgId, async (m) => {
        const rows = await this.deliveries.list(m, r.caller.orgId, r, decodeCursor(r.cursor, 2), r.limit);
        return pageFrom(rows, r.limit, toDelivery, (d) => [d.created_at.toISOString(), d.id]);
      }),
    );
  }
}
