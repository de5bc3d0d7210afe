/**
 * Audit anchors: the console writes the running hash of all audit events to
 * DATA_DIR/audit-anchors.jsonl, outside the database. A history rewritten whole (the events
 * re-hashed and the chain heads on the alerts moved with them) passes the chain check and fails
 * the anchors. Each backend gets a database of its own: an anchor covers every alert's events.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, AuditRepository, auditHash } from '@seawarden/store';
import { AnchorWitness } from '../apps/console/src/alerts/anchor-witness.js';
import { AuditAnchors } from '../apps/console/src/alerts/audit-anchors.js';
import { ConsoleMetrics } from '../apps/console/src/ops/console-metrics.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../apps/console/src/webhooks/webhook-signature.js';
import { makeAlert, startConsole, storeAlertChange, type RunningConsole } from './console-harness.js';
import { scratchDatabase, TEST_DATABASE_URL } from './store.helpers.js';

const BACKENDS: [string, boolean][] = [['embedded PGlite', false]];
if (TEST_DATABASE_URL) BACKENDS.push(['PostgreSQL (a scratch database on TEST_DATABASE_URL)', true]);
else console.log('console-audit-anchors: TEST_DATABASE_URL not set; PostgreSQL variant skipped');

/** What someone with write access to the database could do: change a note and re-hash its chain, head included. */
async function rewriteNote(c: RunningConsole, eventId: number, note: string): Promise<void> {
  const { rows } = await c.store.db.query<any>(
    'SELECT * FROM alert_events WHERE alert_id = (SELECT alert_id FROM alert_events WHERE id = $1) ORDER BY id', [eventId]);
  let prev = AUDIT_GENESIS_HASH;
  for (const r of rows) {
    const data = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
    const content = { alertId: r.alert_id, action: r.action, actor: r.actor, at: new Date(r.at).toISOString(), note: Number(r.id) === eventId ? note : r.note, data };
    const hash = auditHash(prev, content);
    await c.store.db.query('UPDATE alert_events SET note = $2, prev_hash = $3, hash = $4 WHERE id = $1', [r.id, content.note, prev, hash]);
    prev = hash;
  }
  await c.store.db.query('UPDATE alerts SET audit_head = $2 WHERE id = $1', [rows[0].alert_id, prev]);
}

describe.each(BACKENDS)('audit anchors on %s', (_name, server) => {
  let c: RunningConsole;
  let inspector: string;
  let drop: (() => Promise<void>) | undefined;
  let anchors: AuditAnchors;
  const lines = () => readFileSync(join(c.dataDir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (server) {
      const db = await scratchDatabase('seawarden_anchors');
      databaseUrl = db.url;
      drop = db.drop;
    }
    c = await startConsole({ databaseUrl, settings: { consoleWebhooks: false } });
    inspector = await c.tokenFor('inspector');
    anchors = c.app.get(AuditAnchors);
  });
  afterAll(async () => {
    await c?.close();
    await drop?.();
  });

  it('anchors the events seen one pass earlier, then carries the anchor on over the new ones', async () => {
    const a = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a });
    await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'first look' } });
    await anchors.runOnce(); // notes the highest id (a transaction holding a lower one may not have committed yet)
    const first = await anchors.runOnce();
    expect(first).toMatchObject({ events: 2, root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await anchors.runOnce()).toBeNull(); // nothing new
    await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'second look' } });
    await anchors.runOnce();
    const second = await anchors.runOnce();
    expect(second).toMatchObject({ events: 3 });
    expect(second!.lastEventId).toBeGreaterThan(first!.lastEventId);
    expect(lines()).toEqual([first, second]);
    // Operations can alert on anchoring that stopped.
    const metrics = c.app.get(ConsoleMetrics);
    expect((await metrics.auditAnchors.get()).values).toContainEqual(expect.objectContaining({ labels: { outcome: 'written' }, value: 2 }));
    expect((await metrics.auditAnchorTime.get()).values[0]!.value).toBe(Date.parse(second!.at) / 1000);
    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    expect(v.body).toMatchObject({ ok: true, count: 3, anchors: 2, lastAnchorAt: second!.at, lastAnchorEvents: 3 });
  });

  it('a history rewritten whole passes the chain check but not the anchors', async () => {
    const a = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a });
    const n = await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'vessel boarded, 14 passengers' } });
    await c.http('POST', `/api/alerts/${a.id}/notes`, { token: inspector, body: { note: 'master fined' } });
    await anchors.runOnce();
    const anchor = await anchors.runOnce();
    expect(anchor).not.toBeNull();

    await rewriteNote(c, n.body.id, 'vessel boarded, 4 passengers');
    // The chains alone (what the database can vouch for) are consistent again after the rewrite ...
    expect(await new AuditRepository(c.store.db as never).verify()).toMatchObject({ ok: true, anchors: 0 });
    // ... the anchor kept outside it is not.
    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    expect(v.body).toMatchObject({ ok: false, anchorAt: anchor!.at });
    expect(v.body.reason).toMatch(/do not hash to the anchor/);
    // The evidence package says so too.
    const pkg = await c.http('GET', `/api/alerts/${a.id}/evidence.json`, { token: inspector });
    expect(pkg.status).toBe(200);
    expect(JSON.parse(pkg.text).auditVerified).toBe(false);

    await rewriteNote(c, n.body.id, 'vessel boarded, 14 passengers');
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body).toMatchObject({ ok: true, anchors: 2 + 1 });
  });

  it('an append cut short by a crash (no newline) is not an anchor, and the next anchor replaces it', async () => {
    const file = join(c.dataDir, 'audit-anchors.jsonl');
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '{"at":"2026-11-30T10:00:00.000Z","lastEv');
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body).toMatchObject({ ok: true, anchors: 3 });
    const a = makeAlert();
    await storeAlertChange(c.store, { kind: 'opened', alert: a });
    await anchors.runOnce();
    const next = await anchors.runOnce();
    expect(readFileSync(file, 'utf8')).toBe(before + JSON.stringify(next) + '\n');
    expect((await c.http('GET', '/api/audit/verify', { token: inspector })).body).toMatchObject({ ok: true, anchors: 4 });
  });

  it('a damaged anchor file fails verification with its line', async () => {
    appendFileSync(join(c.dataDir, 'audit-anchors.jsonl'), '{"at": "yesterday"}\n');
    const v = await c.http('GET', '/api/audit/verify', { token: inspector });
    expect(v.body.ok).toBe(false);
    expect(v.body.reason).toMatch(/audit-anchors\.jsonl line 5: expected \{"at"/); // after the 4 anchors above
  });
});

describe('audit anchors sent to a witness off the host (AUDIT_ANCHOR_URL)', () => {
  const secret = 'witness-key-0123456789';
  const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let status = 503; // the witness is down at first
  let witness: Server;
  let c: RunningConsole;
  let anchors: AuditAnchors;

  beforeAll(async () => {
    witness = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => witness.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(witness.address() as AddressInfo).port}/anchors`;
    c = await startConsole({ settings: { consoleWebhooks: false, auditAnchorUrl: url, auditAnchorSecret: secret } });
    anchors = c.app.get(AuditAnchors);
  });
  afterAll(async () => {
    await c?.close();
    await new Promise((r) => witness?.close(r));
  });

  it('sends the newest anchor, signed, until the witness accepts it, and each new one once', async () => {
    const outcomes = async () => Object.fromEntries((await c.app.get(ConsoleMetrics).auditAnchors.get()).values.map((v) => [v.labels.outcome, v.value]));
    const lines = () => readFileSync(join(c.dataDir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    await storeAlertChange(c.store, { kind: 'opened', alert: makeAlert() });
    await anchors.runOnce();
    await anchors.runOnce(); // the event is anchored by now (one pass earlier if the start-up pass saw it)
    const first = lines().at(-1);
    const refused = received.length;
    expect(refused).toBeGreaterThanOrEqual(1); // each pass tried, the witness refused (503)
    expect(received.every((r) => JSON.parse(r.body).anchor.lastEventId === first.lastEventId)).toBe(true);
    expect(await outcomes()).toMatchObject({ written: 1, witness_failed: refused });

    status = 200;
    expect(await anchors.runOnce()).toBeNull(); // no new events: the same anchor is sent again
    expect(received).toHaveLength(refused + 1);
    await anchors.runOnce();
    expect(received).toHaveLength(refused + 1); // accepted already: not sent again
    expect(await outcomes()).toMatchObject({ written: 1, witness_failed: refused, witnessed: 1 });

    const { body, headers } = received[refused];
    expect(JSON.parse(body)).toEqual({ type: 'seawarden.audit_anchor', console: expect.any(String), anchor: first });
    expect(verifyWebhook(secret, String(headers[TIMESTAMP_HEADER.toLowerCase()]), body, String(headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);

    await storeAlertChange(c.store, { kind: 'opened', alert: makeAlert() });
    await anchors.runOnce();
    const second = await anchors.runOnce();
    expect(received).toHaveLength(refused + 2);
    expect(JSON.parse(received[refused + 1].body).anchor).toEqual(second);
    expect(second!.lastEventId).toBeGreaterThan(first!.lastEventId);
  });

  it('sends a user and password in the URL as Basic authentication, and names an unreachable witness without the password', async () => {
    const port = (witness.address() as AddressInfo).port;
    const anchor = { at: new Date().toISOString(), lastEventId: 1, events: 1, root: '0'.repeat(64) };
    await new AnchorWitness(`http://anchors:s3cret-pw@127.0.0.1:${port}/in`, undefined, 2000).send(anchor);
    expect(received.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('anchors:s3cret-pw').toString('base64')}`);
    const w = new AnchorWitness('http://anchors:s3cret-pw@127.0.0.1:1/in', undefined, 2000);
    expect(w.shownUrl).toBe('http://anchors:***@127.0.0.1:1/in');
    const err = await w.send(anchor).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^audit anchor witness http:\/\/anchors:\*\*\*@127\.0\.0\.1:1\/in: /);
    expect((err as Error).message).not.toContain('s3cret');
  });
});
