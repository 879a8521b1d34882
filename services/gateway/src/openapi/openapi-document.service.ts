import { Injectable } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * Builds the OpenAPI 3 document from the controllers' decorators, once, on first request.
 * Swagger's scanner wants the application object; the module container and HTTP adapter it reads are injectable, so
 * the gateway does not need a hook in the shared bootstrap (no global prefix or URI versioning is used).
 */
@Injectable()
export class OpenApiDocumentService {
  private document?: OpenAPIObject;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get(): OpenAPIObject {
    this.document ??= this.build();
    return this.document;
  }

  private build(): OpenAPIObject {
    const config = new DocumentBuilder()
      .setTitle('Fleetward API')
      .setDescription(
        'Device management for physical security fleets. Authenticate with `Authorization: Bearer <API key or OIDC token>`. ' +
          'Errors are RFC 9457 problem+json with a stable `code`. Lists use cursor pagination (`limit` default 50, max 500).',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'An API key (fwk.…) or a JWT from your OIDC provider',
      })
      .build();
    const appView = {
      container: { getModules: () => this.modules, isGlobalModule: () => false },
      config: { getGlobalPrefix: () => '', getVersioning: () => undefined },
      getHttpAdapter: () => this.adapterHost.httpAdapter,
    };
    return SwaggerModule.createDocument(
      appView as unknown as Parameters<typeof SwaggerModule.createDocument>[0],
      config,
      {
        operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
      },
    );
  }
}
