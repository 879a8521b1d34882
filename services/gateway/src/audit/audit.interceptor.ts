import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { GatewayRequest } from '../auth/authenticated-request.js';
import { mapError } from '../http/error-mapping.js';
import { AuditService } from './audit.service.js';
import { actionOf, sourceOf, targetOf } from './request-facts.js';
import { SKIP_AUDIT_KEY } from './skip-audit.decorator.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every authenticated write (the gateway's own and every one it proxies to a service), successful or not,
 * before the response leaves: who, organisation, role, action, target, result, status, correlation id, source.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (READS.has(req.method) || skip || !req.caller) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.run(req, res, next));
  }

  private async run(req: GatewayRequest, res: Response, next: CallHandler): Promise<unknown> {
    const caller = req.caller!;
    const base = {
      orgId: caller.orgId,
      actor: caller.actor,
      role: caller.role,
      action: actionOf(req),
      correlationId: caller.correlationId,
      sourceIp: sourceOf(req),
    };
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      const { problem } = mapError(err);
      await this.audit.record({
        ...base,
        target: targetOf(req),
        result: problem.status === 403 ? 'denied' : 'failure',
        status: problem.status,
        code: problem.code,
      });
      throw err;
    }
    await this.audit.record({
      ...base,
      target: targetOf(req, result),
      result: 'success',
      status: res.statusCode,
      code: null,
    });
    return result;
  }
}
