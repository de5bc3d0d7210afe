import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { join } from 'node:path';
import { metricsRegistry } from '@seawarden/config';
import { AuditRepository, SubscriptionRepository, UsersRepository, WebhookDeliveryRepository } from '@seawarden/store';
import { AdminController } from './admin/admin.controller.js';
import { RegistryService } from './admin/registry.service.js';
import { AlertsController } from './alerts/alerts.controller.js';
import { AlertsService } from './alerts/alerts.service.js';
import { AuditAnchorFile, AuditAnchors } from './alerts/audit-anchors.js';
import { AnchorWitness } from './alerts/anchor-witness.js';
import { bootstrapAccounts } from './auth/account-bootstrap.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { loadJwtSecret } from './auth/jwt-secret.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { RedisLoginRateLimiter, type LoginLimiter } from './auth/redis-login-rate-limiter.js';
import { UsersController } from './auth/users.controller.js';
import { CONSOLE_DEPS, type ConsoleDeps } from './console.deps.js';
import { AlertBroadcaster } from './live/alert-broadcaster.js';
import { LiveGateway } from './live/live.gateway.js';
import { VesselView } from './live/vessel-view.js';
import { WsRolesGuard } from './live/ws-roles.guard.js';
import { ConsoleMetrics } from './ops/console-metrics.js';
import { OpsController } from './ops/ops.controller.js';
import { ConsoleMetricsController } from './ops/metrics.controller.js';
import { VesselsController } from './vessels/vessels.controller.js';
import { SubscriptionsController } from './webhooks/subscriptions.controller.js';
import { WebhookAddressPolicy } from './webhooks/webhook-address-policy.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';
import { ZonesService } from './zones/zones.service.js';
import { PortMovementsController } from './ports/port-movements.controller.js';
import { PortMovementsService } from './ports/port-movements.service.js';

/** Injection token of the login limiter (in memory, or in Redis when REDIS_URL is set). */
const LOGIN_LIMITER = Symbol('LoginLimiter');

/** Starts and stops what runs in the background; seeds accounts. */
class ConsoleLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(WebhookWorker) private readonly worker: WebhookWorker,
    @Inject(ZonesService) private readonly zones: ZonesService,
    @Inject(VesselView) private readonly view: VesselView,
    @Inject(AlertBroadcaster) private readonly broadcaster: AlertBroadcaster,
    @Inject(LOGIN_LIMITER) private readonly limiter: LoginLimiter,
    @Inject(AuditAnchors) private readonly anchors: AuditAnchors,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await bootstrapAccounts(this.users, this.auth, this.deps.settings, this.deps.log ?? ((l) => console.log(l)));
    if (this.deps.settings.webhooks) this.worker.start();
    this.anchors.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
    await this.anchors.stop();
    this.zones.close();
    this.view.close();
    this.broadcaster.close();
    await this.limiter.close?.();
  }
}

export const CONSOLE_CONTROLLERS = [
  AuthController, UsersController, VesselsController, AlertsController, AdminController, SubscriptionsController, OpsController,
  PortMovementsController,
];

const factory = <T>(token: any, inject: any[], useFactory: (...args: any[]) => T | Promise<T>): Provider => ({ provide: token, inject, useFactory });

/**
 * The console: REST API, socket.io namespace /live, workflow, webhooks.
 * `ConsoleModule.register(deps)` — the ingestor imports it in ROLE=all; main.ts runs it alone.
 * Call `configureConsoleApp(app, deps)` on the Nest app afterwards (headers, CORS, docs,
 * socket adapter, web/dist).
 */
@Module({})
export class ConsoleModule {
  static register(deps: ConsoleDeps): DynamicModule {
    const db = deps.store.db;
    const providers: Provider[] = [
      { provide: CONSOLE_DEPS, useValue: deps },
      factory(ConsoleMetrics, [], () => new ConsoleMetrics(deps.metrics ?? metricsRegistry)),
      factory(UsersRepository, [], () => new UsersRepository(db)),
      factory(AuditRepository, [], () => new AuditRepository(db)),
      factory(AuditAnchors, [AuditRepository, ConsoleMetrics], (audit, metrics) =>
        new AuditAnchors(
          audit,
          new AuditAnchorFile(join(deps.settings.dataDir, 'audit-anchors.jsonl')),
          deps.settings.auditAnchorMs,
          metrics,
          deps.settings.auditAnchorUrl ? new AnchorWitness(deps.settings.auditAnchorUrl, deps.settings.auditAnchorSecret) : null,
        )),
      factory(SubscriptionRepository, [], () => new SubscriptionRepository(db)),
      factory(WebhookDeliveryRepository, [], () => new WebhookDeliveryRepository(db)),
      factory(LOGIN_LIMITER, [], async (): Promise<LoginLimiter> =>
        deps.settings.redisUrl ? RedisLoginRateLimiter.connect(deps.settings.redisUrl) : new LoginRateLimiter()),
      factory(AuthService, [UsersRepository, LOGIN_LIMITER], (users, limiter) =>
        new AuthService(users, limiter, loadJwtSecret(deps.settings.jwtSecret, deps.settings.dataDir),
          deps.settings.accessTokenTtl, deps.settings.refreshTokenTtl, deps.settings.bcryptCost)),
      factory(ZonesService, [], async () => {
        const z = new ZonesService(deps);
        await z.init();
        return z;
      }),
      factory(VesselView, [], () => new VesselView(deps.bus, deps.live)),
      factory(AlertBroadcaster, [ZonesService, ConsoleMetrics], (zones: ZonesService, metrics) =>
        new AlertBroadcaster(deps.bus, zones.jurisdictions, metrics, async (id) => {
          const { rows } = await db.query<{ status: any }>('SELECT status FROM alerts WHERE id = $1', [id]);
          return rows[0]?.status;
        })),
      factory(AlertsService, [AuditRepository, UsersRepository, ZonesService, AlertBroadcaster], (audit, users, zones: ZonesService, b) =>
        new AlertsService(deps.store, audit, users, zones.jurisdictions, b)),
      factory(RegistryService, [], () => new RegistryService(deps)),
      factory(PortMovementsService, [ZonesService], (zones: ZonesService) => new PortMovementsService(deps, zones)),
      factory(WebhookAddressPolicy, [], () => new WebhookAddressPolicy(deps.settings.webhookAllowedNetworks)),
      factory(WebhookWorker, [SubscriptionRepository, WebhookDeliveryRepository, UsersRepository, ZonesService, ConsoleMetrics, WebhookAddressPolicy],
        (subs, deliveries, users, zones: ZonesService, metrics, policy) => new WebhookWorker(deps, subs, deliveries, users, zones.jurisdictions, metrics, policy)),
      AuthGuard,
      WsRolesGuard,
      LiveGateway,
      ConsoleLifecycle,
    ];
    return {
      module: ConsoleModule,
      controllers: deps.serveMetrics ? [...CONSOLE_CONTROLLERS, ConsoleMetricsController] : CONSOLE_CONTROLLERS,
      providers,
      exports: [AuthService, AlertsService, VesselView, WebhookWorker, ConsoleMetrics],
    };
  }
}
