/**
 * Audit trail: confirm, dismiss and note produce hash-chained events with actor and time;
 * editing a stored event in the database makes the verify endpoint fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAlert, startConsole, storeAlertChange, type RunningConsole } from './console-harness.js';

const BACKENDS: [string, string | undefined][] = [['embedded PGlite', undefined]];
if (process.env.TEST_DATABASE_URL) BACKENDS.push(['PostgreSQL (TEST_DATABASE_URL)', process.env.TEST_DATABASE_URL]);
else console.log('console-audit: TEST_DATABASE_URL not set; PostgreSQL variant skipped');

describe.each(BACKENDS)('console audit trail on %s', (_name, databaseUrl) => {
  let c: RunningConsole;
  let inspector: string;
  let operator: string;
  let inspectorName: string;

  beforeAll(async () => {
    // No webhook worker: on a shared server database it would claim other tests' outbox rows.
    c = await startConsole({ databaseUrl, settings: { consoleWebhooks: false } });
    const u = await c.createUser('inspector');
    inspectorName = u.username;
    inspector = (await c.login(u.username, u.password)).accessToken;
    operator = await c.tokenFor('operator');
  });
  afterAll(async () => c?.close());

  it('confirm, dismiss and note are audited, chained, and the chain verifies', async () => {
    const a1 = makeAlert();
    const a2 = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a1 });
    await storeAlertChange(c.store, { kind: 'opened', alert: a2 });

    const ack = await c.http('POST', `/api/alerts/${a1.id}/acknowledge`, { token: operator, body: {} });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    const note = await c.http('POST', `/api/alerts/${a1.id}/notes`, { token: inspector, body: { note: 'photos from patrol boat 3' } });
    expect(note.status).toBe(201);
    const conf = await c.http('POST', `/api/alerts/${a1.id}/confirm`, { token: inspector, body: { note: 'violation' } });
    expect(conf.status).toBe(200);
    expect(conf.body.status).toBe('confirmed');
    // Final: a confirmed alert cannot be dismissed.
    const again = await c.http('POST', `/api/alerts/${a1.id}/dismiss`, { token: inspector, body: { reason: 'changed my mind' } });
    expect(again.status).toBe(409);

    const noReason = await c.http('POST', `/api/alerts/${a2.id}/dismiss`, { token: inspector, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const dis = await c.http('POST', `/api/alerts/${a2.id}/dismiss`, { token: inspector, body: { reason: 'licensed ferry, registry outdated' } });
    expect(dis.status).toBe(200);
    expect(dis.body.status).toBe('dismissed');

    const detail = await c.http('GET', `/api/alerts/${a1.id}`, { token: inspector });
    expect(detail.status).toBe(200);
    const human = detail.body.audit.filter((e: any) => ['acknowledged', 'note', 'confirmed'].includes(e.action));
    expect(human.map((e: any) => e.action)).toEqual(['acknowledged', 'note', 'confirmed']);
    expect(human[1]).toMatchObject({ actor: inspectorName, note: 'photos from patrol boat 3' });
    for (const e of detail.body.audit) expect(Date.parse(e.at)).toBeGreaterThan(0);
    // Each event carries the previous one's hash.
    for (let i = 1; i < detail.body.audit.length; i++) expect(detail.body.audit[i].prevHash).toBe(detail.body.audit[i - 1].hash);
    expect(detail.body.notes).toEqual([expect.objectContaining({ note: 'photos from patrol boat 3', actor: inspectorName })]);

    const dismissed = await c.http('GET', `/api/alerts/${a2.id}/audit`, { token: inspector });
    expect(dismissed.body.at(-1)).toMatchObject({ action: 'dismissed', note: 'licensed ferry, registry outdated', actor: inspectorName });

    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(true);
    expect(v.body.count).toBeGreaterThanOrEqual(4);
  });

  it('an edited event breaks verification', async () => {
    const a = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a });
    const n = await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'original wording' } });
    expect(n.status).toBe(201);
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body.ok).toBe(true);

    await c.store.db.query(`UPDATE alert_events SET note = 'doctored wording' WHERE id = $1`, [n.body.id]);
    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    // Put it back (a shared server database must stay verifiable for the next run).
    await c.store.db.query(`UPDATE alert_events SET note = 'original wording' WHERE id = $1`, [n.body.id]);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: false, brokenAt: n.body.id, alertId: a.id });
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body.ok).toBe(true);
  });

  it('deleting the newest events of an alert breaks verification (the alert records its chain head)', async () => {
    const a = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a });
    await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'first look' } });
    const last = await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'vessel boarded, 14 passengers' } });
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body.ok).toBe(true);

    // The remaining chain is still internally valid: only the recorded head shows the loss.
    const row = (await c.store.db.query<any>('SELECT * FROM alert_events WHERE id = $1', [last.body.id])).rows[0];
    await c.store.db.query('DELETE FROM alert_events WHERE id = $1', [last.body.id]);
    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    // Put it back (a shared server database must stay verifiable for the next run).
    await c.store.db.query(
      'INSERT INTO alert_events (id, alert_id, action, actor, at, note, data, change_key, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [row.id, row.alert_id, row.action, row.actor, row.at, row.note, row.data, row.change_key, row.prev_hash, row.hash]);
    expect(v.body).toMatchObject({ ok: false, alertId: a.id });
    expect(v.body.reason).toMatch(/events were removed/);
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body.ok).toBe(true);
  });
});
