import { Get, Header, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '../auth/auth.service.js';
import { badRequest } from '../common/api-error.js';
import { ApiZodQuery } from '../common/api-zod.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { ANY_ROLE, Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import type { VesselPortLog } from '@seawarden/contracts';
import { portMovementsCsv, PortMovementsService } from './port-movements.service.js';
import { isoDate, mmsiSchema } from '../common/schemas.js';

const HOUR = 3_600_000;
/** Longest window one request may cover (each vessel's track is read for it). */
const MAX_WINDOW_MS = 7 * 24 * HOUR;
const query = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  mmsi: mmsiSchema.optional(),
}).strict();

@ConsoleController('api/port-movements', 'ports')
export class PortMovementsController {
  constructor(@Inject(PortMovementsService) private readonly ports: PortMovementsService) {}

  /** Departures and arrivals of the hook-and-line boats (or of `mmsi`) in [from, to]; default the last 24 h. */
  @Roles(...ANY_ROLE)
  @Get()
  @ApiZodQuery(query)
  async list(@CurrentUser() p: Principal, @Query() q: unknown): Promise<{ from: string; to: string; vessels: VesselPortLog[] }> {
    const f = validate(query, q ?? {});
    const to = f.to ? new Date(f.to) : new Date();
    const from = f.from ? new Date(f.from) : new Date(to.getTime() - 24 * HOUR);
    if (from.getTime() >= to.getTime()) throw badRequest('from: must be before to', 'from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw badRequest('to: the window may cover 7 days at most', 'to');
    return { from: from.toISOString(), to: to.toISOString(), vessels: await this.ports.list(p, from, to, f.mmsi) };
  }

  /** The same movements as CSV, one row each in time order (for the office's records). */
  @Roles(...ANY_ROLE)
  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="port-movements.csv"')
  @ApiZodQuery(query)
  async csv(@CurrentUser() p: Principal, @Query() q: unknown): Promise<string> {
    return portMovementsCsv((await this.list(p, q)).vessels);
  }
}
