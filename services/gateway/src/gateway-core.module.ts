import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuditInterceptor } from './audit/audit.interceptor.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { ApiKeyAuthenticator } from './auth/api-key.authenticator.js';
import { AuthFailureLimiter } from './auth/auth-failure-limiter.js';
import { AuthGuard } from './auth/auth.guard.js';
import { JwtAuthenticator } from './auth/jwt.authenticator.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { ConsoleStaticInstaller } from './console/console-static.installer.js';
import { BodyParserInstaller } from './http/body-parser.installer.js';
import { NulCharacterPipe } from './http/nul-character.pipe.js';
import { ProblemFilter } from './http/problem.filter.js';
import { ServiceProxy } from './http/service-proxy.js';
import { TrustProxyInstaller } from './http/trust-proxy.installer.js';
import { ApiKeyCache } from './keys/api-key.cache.js';
import { ApiKeyRepository } from './keys/api-key.repository.js';
import { OrganisationRepository } from './organisations/organisation.repository.js';
import { TenantTargets } from './inventory/tenant-targets.js';
import { ServiceClient } from './rpc/service-client.js';
import { UserRepository } from './users/user.repository.js';

/**
 * What every gateway route relies on, global to the app: authentication and the permission matrix (guard), the audit
 * log (interceptor + AuditService), problem+json errors (filter), the body limit, and ServiceClient / ServiceProxy for domain routes.
 */
@Global()
@Module({
  providers: [
    TrustProxyInstaller,
    BodyParserInstaller,
    ConsoleStaticInstaller,
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_PIPE, useClass: NulCharacterPipe },
    ServiceClient,
    ServiceProxy,
    TenantTargets,
    AuditService,
    AuditRepository,
    RateLimiter,
    AuthFailureLimiter,
    ApiKeyAuthenticator,
    JwtAuthenticator,
    ApiKeyCache,
    ApiKeyRepository,
    OrganisationRepository,
    UserRepository,
  ],
  exports: [
    ServiceClient,
    ServiceProxy,
    TenantTargets,
    AuditService,
    RateLimiter,
    JwtAuthenticator,
    ApiKeyCache,
    ApiKeyRepository,
    OrganisationRepository,
    UserRepository,
  ],
})
export class GatewayCoreModule {}
