import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, currentCorrelationId } from '@fleetward/platform';
import { AuditService, UNKNOWN_ORG } from '../audit/audit.service.js';
import { actionOf, sourceOf, targetOf } from '../audit/request-facts.js';
import { GatewayError } from '../http/gateway-error.js';
import { ApiKeyAuthenticator } from './api-key.authenticator.js';
import { AuthFailure } from './auth-failure.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import type { GatewayRequest } from './authenticated-request.js';
import { JwtAuthenticator } from './jwt.authenticator.js';
import type { GatewaySettings } from '../gateway-settings.js';
import { isInstallationPermission, roleHasPermission, type Permission } from './permissions.js';
import { PUBLIC_KEY } from './public.decorator.js';
import { PERMISSION_KEY } from './require-permission.decorator.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * Global guard: every route under /api needs `@RequirePermission` (or `@Public`); a route that declares neither is
 * refused, so a forgotten decorator fails closed. Authenticates the bearer credential (API key or OIDC JWT), charges
 * the per-credential rate limit, then checks the permission matrix. Failures and denials are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly jwts: JwtAuthenticator,
    private readonly rateLimiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly failures: AuthFailureLimiter,
    @Inject(APP_CONFIG) config: GatewaySettings,
  ) {
    this.curatorOrgs = new Set(config.CATALOG_ORGS);
  }

  private readonly curatorOrgs: ReadonlySet<string>;

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    req.correlationId ??= currentCorrelationId() ?? randomUUID();
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      if (req.path.startsWith('/api/'))
        throw new GatewayError(403, 'ROUTE_WITHOUT_PERMISSION', 'This route declares no permission');
      return true;
    }

    const authenticated = await this.authenticate(req);
    req.caller = authenticated.caller;
    req.credential = authenticated.credential;
    await this.rateLimiter.take(`${authenticated.credential.kind}:${authenticated.credential.id}`);

    if (!roleHasPermission(req.caller.role, permission)) {
      await this.deny(
        req,
        permission,
        'PERMISSION_DENIED',
        `Your role (${req.caller.role}) lacks the permission ${permission}`,
      );
    }
    if (isInstallationPermission(permission) && !this.curatorOrgs.has(req.caller.orgId)) {
      await this.deny(
        req,
        permission,
        'CATALOG_CURATOR_ONLY',
        'The firmware catalog is shared by every organisation of this installation; only the organisations listed in CATALOG_ORGS may change it',
      );
    }
    return true;
  }

  /** Audits the refusal, then refuses with 403 and a stable code. */
  private async deny(req: GatewayRequest, permission: Permission, code: string, message: string): Promise<never> {
    await this.audit.recordQuietly({
      orgId: req.caller!.orgId,
      actor: req.caller!.actor,
      role: req.caller!.role,
      action: actionOf(req),
      target: targetOf(req),
      result: 'denied',
      status: 403,
      code,
      correlationId: req.correlationId!,
      sourceIp: sourceOf(req),
      details: { permission },
    });
    throw new GatewayError(403, code, message, { permission });
  }

  private async authenticate(req: GatewayRequest) {
    const correlationId = req.correlationId!;
    try {
      const header = req.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!match) throw new AuthFailure(header ? 'AUTH_HEADER_MALFORMED' : 'CREDENTIAL_MISSING');
      const token = match[1]!;
      if (this.apiKeys.looksLikeKey(token)) return await this.apiKeys.authenticate(token, correlationId);
      if (this.jwts.looksLikeJwt(token)) return await this.jwts.authenticate(token, correlationId);
      throw new AuthFailure('CREDENTIAL_UNRECOGNISED');
    } catch (err) {
      if (!(err instanceof AuthFailure)) throw err;
      const orgIds = err.orgIds.length > 0 ? err.orgIds : [UNKNOWN_ORG];
      const verdict = await this.failures.judge(orgIds[0]!, sourceOf(req));
      if (verdict.audit) {
        for (const orgId of orgIds) {
          await this.audit.recordQuietly({
            orgId,
            actor: err.actor,
            role: null,
            action: actionOf(req),
            target: targetOf(req),
            result: 'failure',
            status: verdict.limited ? 429 : 401,
            code: verdict.limited ? 'AUTH_FAILURES_RATE_LIMITED' : err.reason,
            correlationId,
            sourceIp: sourceOf(req),
          });
        }
      }
      throw verdict.limited ?? err;
    }
  }
}
