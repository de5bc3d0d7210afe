import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { correlationMiddleware } from './common/correlation.js';
import { ConsoleExceptionFilter } from './common/http-exception.filter.js';
import type { ConsoleDeps } from './console.deps.js';
import { ConsoleIoAdapter } from './live/console-io.adapter.js';
import { ConsoleMetrics } from './ops/console-metrics.js';

const OWN_PREFIXES = ['/api', '/socket.io', '/health', '/metrics'];

/** web/dist of the repository (from src/ and dist/ alike). */
export function defaultWebDist(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
}

/**
 * App-level wiring the console needs, called once on the Nest app that imports ConsoleModule:
 * correlation ids, security headers, CORS, body limits, error shape, OpenAPI, socket.io
 * adapter (Redis when configured) and the web console with SPA fallback.
 */
export async function configureConsoleApp(app: INestApplication, deps: ConsoleDeps): Promise<void> {
  const s = deps.settings;
  const ex = app as NestExpressApplication;
  ex.set?.('trust proxy', 'loopback, linklocal, uniquelocal');
  ex.disable?.('x-powered-by');
  app.use(correlationMiddleware);
  const metrics = app.get(ConsoleMetrics, { strict: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next();
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ status: String(res.statusCode) }));
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          connectSrc: ["'self'", 'ws:', 'wss:', 'https:'],
          workerSrc: ["'self'", 'blob:'],
          fontSrc: ["'self'", 'data:', 'https:'],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  if (s.corsOrigin) app.enableCors({ origin: s.corsOrigin, credentials: true, exposedHeaders: ['X-Correlation-Id', 'Retry-After'] });
  ex.useBodyParser?.('json', { limit: '20mb' });
  ex.useBodyParser?.('text', { type: ['text/csv', 'text/plain'], limit: '20mb' });
  app.useGlobalFilters(new ConsoleExceptionFilter());

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Seawarden console API')
      .setDescription('REST API of the Seawarden console. See apps/console/API.md for the socket.io events and the auth flow.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  const adapter = new ConsoleIoAdapter(app, s.corsOrigin ? { origin: s.corsOrigin, credentials: true } : undefined);
  if (s.redisUrl) await adapter.connectRedis(s.redisUrl);
  app.useWebSocketAdapter(adapter);

  const webDist = s.webDist ?? defaultWebDist();
  if (existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      if (OWN_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(webDist, 'index.html'));
    });
  }
}
