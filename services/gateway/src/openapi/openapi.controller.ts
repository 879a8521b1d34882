import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Public } from '../auth/public.decorator.js';
import { notFound } from '../http/gateway-error.js';
import { OpenApiDocumentService } from './openapi-document.service.js';

/**
 * Swagger UI's own files, served from the installed package (no CDN): the copy @nestjs/swagger depends on, resolved
 * from there, so the image carries one swagger-ui-dist and not two versions of it.
 */
const UI_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Fleetward API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', persistAuthorization: true });`;

@ApiExcludeController()
@Public()
@Controller('api')
export class OpenApiController {
  private readonly uiDir = path.dirname(
    createRequire(createRequire(import.meta.url).resolve('@nestjs/swagger')).resolve('swagger-ui-dist/package.json'),
  );

  constructor(private readonly document: OpenApiDocumentService) {}

  @Get('openapi.json')
  openapi() {
    return this.document.get();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return PAGE;
  }

  @Get('docs/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init() {
    return INIT;
  }

  @Get('docs/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    if (!UI_FILES.has(file)) throw notFound('file');
    res.sendFile(path.join(this.uiDir, file), { maxAge: '1h' });
  }
}
