import { Body, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Alert, AlertAuditEvent } from '@seawarden/contracts';
import { AuditRepository } from '@seawarden/store';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import type { Principal } from '../auth/auth.service.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { ANY_ROLE, Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { CONSOLE_DEPS, type ConsoleDeps } from '../console.deps.js';
import { ZonesService } from '../zones/zones.service.js';
import { alertsToCsv, alertsToGeoJson, alertsToKml } from './alert-export.js';
import { alertFilterSchema, parseAlertFilter } from './alert-filter.js';
import { AlertsService, type AlertDetail } from './alerts.service.js';
import { AuditAnchors } from './audit-anchors.js';
import { evidenceBundle, evidenceReportHtml, type EvidenceInput } from './evidence-package.js';

const idSchema = z.string().min(1).max(200);
const noteBody = z.object({ note: z.string().trim().min(1).max(4000).optional() }).strict();
const reasonBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const requiredNote = z.object({ note: z.string().trim().min(1).max(4000) }).strict();
const assignBody = z.object({ userId: z.string().uuid().nullable() }).strict();
const evidenceQuery = z.object({ marginMinutes: z.coerce.number().int().min(0).max(1440).optional() }).strict();

@ConsoleController('api', 'alerts')
export class AlertsController {
  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(AuditAnchors) private readonly anchors: AuditAnchors,
    @Inject(ZonesService) private readonly zones: ZonesService,
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
  ) {}

  @Roles(...ANY_ROLE)
  @Get('alerts')
  @ApiZodQuery(alertFilterSchema(500))
  list(@CurrentUser() p: Principal, @Query() q: unknown) {
    return this.alerts.list(p, parseAlertFilter(q));
  }

  @Roles(...ANY_ROLE)
  @Get('alerts/export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="alerts.csv"')
  @ApiZodQuery(alertFilterSchema(50_000))
  async csv(@CurrentUser() p: Principal, @Query() q: unknown): Promise<string> {
    return alertsToCsv(await this.exportAll(p, q));
  }

  @Roles(...ANY_ROLE)
  @Get('alerts/export.geojson')
  @Header('Content-Type', 'application/geo+json')
  @Header('Content-Disposition', 'attachment; filename="alerts.geojson"')
  @ApiZodQuery(alertFilterSchema(50_000))
  async geojson(@CurrentUser() p: Principal, @Query() q: unknown): Promise<string> {
    return JSON.stringify(alertsToGeoJson(await this.exportAll(p, q)));
  }

  @Roles(...ANY_ROLE)
  @Get('alerts/export.kml')
  @Header('Content-Type', 'application/vnd.google-earth.kml+xml')
  @Header('Content-Disposition', 'attachment; filename="alerts.kml"')
  @ApiZodQuery(alertFilterSchema(50_000))
  async kml(@CurrentUser() p: Principal, @Query() q: unknown): Promise<string> {
    return alertsToKml(await this.exportAll(p, q));
  }

  @Roles('inspector', 'admin')
  @Get('audit/verify')
  verify() {
    return this.anchors.verify();
  }

  @Roles(...ANY_ROLE)
  @Get('alerts/:id')
  detail(@CurrentUser() p: Principal, @Param('id') id: string): Promise<AlertDetail> {
    return this.alerts.detail(p, validate(idSchema, id));
  }

  @Roles(...ANY_ROLE)
  @Get('alerts/:id/audit')
  auditTrail(@CurrentUser() p: Principal, @Param('id') id: string): Promise<AlertAuditEvent[]> {
    return this.alerts.auditTrail(p, validate(idSchema, id));
  }

  @Roles('operator', 'inspector', 'port_office', 'admin')
  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @ApiZodBody(noteBody)
  acknowledge(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<Alert> {
    return this.alerts.acknowledge(p, validate(idSchema, id), validate(noteBody, body ?? {}).note);
  }

  @Roles('inspector', 'admin')
  @Post('alerts/:id/confirm')
  @HttpCode(200)
  @ApiZodBody(noteBody)
  confirm(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<Alert> {
    return this.alerts.confirm(p, validate(idSchema, id), validate(noteBody, body ?? {}).note);
  }

  @Roles('inspector', 'admin')
  @Post('alerts/:id/dismiss')
  @HttpCode(200)
  @ApiZodBody(reasonBody)
  dismiss(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<Alert> {
    return this.alerts.dismiss(p, validate(idSchema, id), validate(reasonBody, body ?? {}).reason);
  }

  @Roles('inspector', 'admin')
  @Post('alerts/:id/notes')
  @HttpCode(201)
  @ApiZodBody(requiredNote)
  note(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<AlertAuditEvent> {
    return this.alerts.note(p, validate(idSchema, id), validate(requiredNote, body ?? {}).note);
  }

  @Roles('inspector', 'admin')
  @Post('alerts/:id/assign')
  @HttpCode(200)
  @ApiZodBody(assignBody)
  assign(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<Alert> {
    return this.alerts.assign(p, validate(idSchema, id), validate(assignBody, body ?? {}).userId);
  }

  @Roles('inspector', 'admin', 'port_office')
  @Get('alerts/:id/evidence.json')
  @Header('Content-Type', 'application/geo+json')
  @ApiZodQuery(evidenceQuery)
  async evidenceJson(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const input = await this.evidence(p, id, q);
    res.setHeader('Content-Disposition', `attachment; filename="evidence-${encodeURIComponent(input.alert.id)}.geojson"`);
    return JSON.stringify(evidenceBundle(input));
  }

  @Roles('inspector', 'admin', 'port_office')
  @Get('alerts/:id/report.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiZodQuery(evidenceQuery)
  async report(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: unknown): Promise<string> {
    return evidenceReportHtml(await this.evidence(p, id, q));
  }

  private async evidence(p: Principal, id: string, q: unknown): Promise<EvidenceInput> {
    const { marginMinutes = 30 } = validate(evidenceQuery, q ?? {});
    const alert = await this.alerts.get(p, validate(idSchema, id));
    const margin = marginMinutes * 60_000;
    const from = new Date(Date.parse(alert.openedAt) - margin);
    const to = new Date(Date.parse(alert.closedAt ?? alert.updatedAt) + margin);
    const track = (await this.deps.store.tracks?.track(alert.mmsi, from.toISOString(), to.toISOString(), 5000)) ?? [];
    const audit = await this.audit.forAlert(alert.id);
    const verified = await this.anchors.verify();
    const zone = alert.zoneId ? this.zones.zone(alert.zoneId) ?? null : null;
    return {
      alert, track, zone, audit,
      auditVerified: verified.ok,
      generatedBy: p.username,
      generatedAt: new Date().toISOString(),
    };
  }

  private async exportAll(p: Principal, q: unknown): Promise<Alert[]> {
    const filter = parseAlertFilter(q, 50_000);
    const want = filter.limit ?? 10_000;
    const out: Alert[] = [];
    let cursor = filter.cursor ?? null;
    while (out.length < want) {
      const page = await this.alerts.list(p, { ...filter, cursor, limit: Math.min(500, want - out.length) });
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor || page.items.length === 0) break;
    }
    return out;
  }
}
