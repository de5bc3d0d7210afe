import { Body, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ALERT_RULES, SEVERITIES } from '@seawarden/contracts';
import { SubscriptionRepository, WebhookDeliveryRepository, type SubscriptionRecord } from '@seawarden/store';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import type { Principal } from '../auth/auth.service.js';
import { badRequest, forbidden, notFound } from '../common/api-error.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { WebhookAddressError, WebhookAddressPolicy } from './webhook-address-policy.js';

const url = z.string().url().max(2000).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const fields = {
  name: z.string().trim().min(1).max(200),
  rules: z.array(z.enum(ALERT_RULES as unknown as [string, ...string[]])).max(20),
  severities: z.array(z.enum(SEVERITIES as unknown as [string, ...string[]])).max(4),
  zones: z.array(z.string().min(1).max(100)).max(200),
  webhookUrl: url.nullable(),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).nullable(),
  enabled: z.boolean(),
};
const createSchema = z.object({ ...fields, rules: fields.rules.optional(), severities: fields.severities.optional(), zones: fields.zones.optional(), webhookUrl: fields.webhookUrl.optional(), secret: fields.secret.optional(), enabled: fields.enabled.optional() }).strict();
const patchSchema = z.object(fields).partial().strict();
const idSchema = z.string().uuid();
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict();

export const publicSubscription = ({ secret, ...s }: SubscriptionRecord) => ({ ...s, hasSecret: !!secret });

@ConsoleController('api/subscriptions', 'notifications')
export class SubscriptionsController {
  constructor(
    @Inject(SubscriptionRepository) private readonly subs: SubscriptionRepository,
    @Inject(WebhookDeliveryRepository) private readonly deliveries: WebhookDeliveryRepository,
    @Inject(WebhookAddressPolicy) private readonly policy: WebhookAddressPolicy,
  ) {}

  @Roles('port_office', 'admin')
  @Get()
  async list(@CurrentUser() p: Principal) {
    return (await this.subs.list(p.role === 'admin' ? undefined : p.id)).map(publicSubscription);
  }

  @Roles('port_office', 'admin')
  @Post()
  @ApiZodBody(createSchema)
  async create(@CurrentUser() p: Principal, @Body() body: unknown) {
    const b = validate(createSchema, body);
    if (b.webhookUrl && !b.secret) throw badRequest('secret: required with a webhookUrl (signs the deliveries)', 'secret');
    if (b.webhookUrl) await this.checkAddress(b.webhookUrl);
    return publicSubscription(await this.subs.insert(randomUUID(), p.id, b));
  }

  @Roles('port_office', 'admin')
  @Patch(':id')
  @ApiZodBody(patchSchema)
  async patch(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const sub = await this.owned(p, id);
    const b = validate(patchSchema, body);
    if (b.webhookUrl && !(b.secret ?? sub.secret)) throw badRequest('secret: required with a webhookUrl (signs the deliveries)', 'secret');
    if (b.webhookUrl) await this.checkAddress(b.webhookUrl);
    return publicSubscription((await this.subs.update(id, b))!);
  }

  @Roles('port_office', 'admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.owned(p, id);
    await this.subs.delete(id);
  }

  @Roles('port_office', 'admin')
  @Get(':id/deliveries')
  @ApiZodQuery(limitQuery)
  async log(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: unknown) {
    await this.owned(p, id);
    const { limit = 100 } = validate(limitQuery, q ?? {});
    return { items: await this.deliveries.attemptsFor(id, limit) };
  }

  /** Refuses a webhook URL the address policy does not allow (checked again at every delivery). */
  private async checkAddress(url: string): Promise<void> {
    try {
      await this.policy.check(url);
    } catch (err) {
      if (err instanceof WebhookAddressError) throw badRequest(`webhookUrl: ${err.message}`, 'webhookUrl');
      throw err;
    }
  }

  private async owned(p: Principal, id: string): Promise<SubscriptionRecord> {
    validate(idSchema, id);
    const sub = await this.subs.get(id);
    if (!sub) throw notFound(`subscription ${id} not found`);
    if (p.role !== 'admin' && sub.userId !== p.id) throw forbidden('not your subscription');
    return sub;
  }
}
