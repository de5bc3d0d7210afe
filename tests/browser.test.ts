/**
 * The web console in Debian's chromium (playwright-core) against the REAL server:
 * `node apps/ingestor/dist/main.js` on a free port, embedded database in a temp DATA_DIR, the
 * Zhoushan simulator as its feed, demo accounts. Screenshots go to test-artifacts/.
 * Skips when /usr/bin/chromium is absent; builds (npm run build) when the build output is missing.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { BrowserContext, Page } from 'playwright-core';
import { CJK, LANGUAGE_NEUTRAL, RAW_KEY, VISIBLE_TEXT_SCRIPT } from './fixtures/browser/visible-text.js';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`);

interface DemoAccount { username: string; password: string; role: string; jurisdictions: string[] }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Builds what the test runs when it is missing; a failed build fails the test with its output. */
function ensureBuilt(): void {
  const need = [join(ROOT, 'apps/ingestor/dist/main.js'), join(ROOT, 'web/dist/index.html')];
  if (need.every(existsSync)) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 900_000 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`browser test: \`npm run build\` failed, so ${need.filter((f) => !existsSync(f)).join(' and ')} is missing:\n${e.stdout?.toString().slice(-3000) ?? ''}${e.stderr?.toString().slice(-3000) ?? e.message}`);
  }
  for (const f of need) if (!existsSync(f)) throw new Error(`browser test: ${f} still missing after \`npm run build\``);
}

/** The simulator's scripted violations (its --truth output) for one day of the scenario. */
function scriptedViolations(dir: string): { rule: string; from: string }[] {
  const truth = join(dir, 'truth.jsonl');
  execFileSync(process.execPath, [join(ROOT, 'apps/ingestor/bin/seawarden.js'), 'simulate', '--scenario', 'zhoushan', '--start', '2026-07-18T00:00:00+08:00', '--hours', '24', '--seed', '1', '--truth', truth], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000,
  });
  return readFileSync(truth, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { rule: string; from: string });
}

describe.skipIf(!haveChromium)('web console in chromium against the real server', () => {
  let server: ChildProcess;
  let serverLog = '';
  let feeds = '';
  let simDay = '';
  let port = 0;

  /** Starts (or restarts) the real server on the same port and data dir. */
  async function startServer(): Promise<void> {
    serverLog = '';
    server = spawn(process.execPath, [join(ROOT, 'apps/ingestor/dist/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, FEEDS: feeds,
        DEMO_ACCOUNTS: 'true', BCRYPT_COST: '4', ADMIN_PASSWORD: 'browser-test-admin', JWT_SECRET: 'browser-test-secret-0123456789', LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (serverLog += d));
    server.stderr!.on('data', (d) => (serverLog += d));
    const exited = new Promise<never>((_, reject) => server.once('exit', (code) => reject(new Error(`server exited with ${code} before answering:\n${serverLog.slice(-4000)}`))));
    const ready = (async () => {
      for (const end = Date.now() + 240_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
        try {
          if ((await fetch(`${origin}/health`)).status < 500 && existsSync(join(dataDir, 'demo-credentials.json'))) return;
        } catch {
          /* not listening yet */
        }
      }
      throw new Error(`server on ${origin} did not become healthy in 240 s:\n${serverLog.slice(-4000)}`);
    })();
    await Promise.race([ready, exited]);
  }

  async function stopServer(): Promise<void> {
    if (!server || server.exitCode !== null) return;
    const done = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, 15_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  let origin = '';
  let dataDir = '';
  let ctx: BrowserContext;
  let accounts: DemoAccount[] = [];
  const offOrigin: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'seawarden-browser-'));
    const truth = scriptedViolations(dataDir);
    if (truth.length === 0) throw new Error('browser test: the simulator scripted no violation on 2026-07-18 (seed 1)');
    const first = Math.min(...truth.map((v) => Date.parse(v.from)));
    const start = new Date(first - 5 * 60_000).toISOString();

    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    feeds = `simulator://zhoushan?speed=120&seed=1&start=${start}`;
    simDay = new Date(Date.parse(start) + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing date
    await startServer();
    accounts = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoAccount[];

    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'seawarden-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Europe/London', // the console must show Beijing time whatever the browser's zone
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    ctx.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith(`blob:${origin}/`)) offOrigin.push(u);
    });
    ctx.on('page', (p) => p.on('websocket', (ws) => { if (!ws.url().startsWith(`ws://127.0.0.1:${new URL(origin).port}/`)) offOrigin.push(ws.url()); }));
  }, 900_000);

  // A failed step must not leave a page rendering the map in the background (software GL).
  afterEach(async () => {
    for (const p of ctx?.pages() ?? []) await p.close().catch(() => undefined);
  });

  afterAll(async () => {
    await ctx?.close();
    await stopServer();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function account(role: string): DemoAccount {
    const a = accounts.find((x) => x.role === role);
    if (!a) throw new Error(`no demo account for role ${role} in demo-credentials.json`);
    return a;
  }

  async function login(who: string | DemoAccount): Promise<Page> {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.warn(`[page error] ${e.message}`));
    await page.goto(origin);
    const a = typeof who === 'string' ? account(who) : who;
    await page.locator('#login-username').fill(a.username);
    await page.locator('#login-password').fill(a.password);
    await page.locator('form.login button[type=submit]').click();
    await page.locator('[data-testid=conn-status][data-state=connected]').waitFor({ timeout: 60_000 });
    return page;
  }

  async function visibleTexts(page: Page): Promise<string[]> {
    return (await page.evaluate(VISIBLE_TEXT_SCRIPT)) as string[];
  }

  /** zh → en → zh on the current view: every visible UI string changes, none is left untranslated. */
  async function expectLanguageSwitch(page: Page, screenshot: string, shot: { fullPage?: boolean } = {}): Promise<void> {
    const zh = await visibleTexts(page);
    await page.locator('[data-testid=lang-switch]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const en = await visibleTexts(page);
    await page.screenshot({ path: join(ARTIFACTS, screenshot), ...shot });
    await page.locator('[data-testid=lang-switch]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const zhAgain = await visibleTexts(page);

    expect(zh.length).toBeGreaterThan(20);
    for (const s of [...zh, ...en]) expect(s, 'raw translation key on screen').not.toMatch(RAW_KEY);
    const enSet = new Set(en);
    expect(zh.filter((s) => enSet.has(s) && !LANGUAGE_NEUTRAL.has(s)), 'strings that did not change with the language').toEqual([]);
    expect(en.filter((s) => CJK.test(s)), 'Chinese left in the English UI').toEqual([]);
    expect(zh.filter((s) => !CJK.test(s) && !LANGUAGE_NEUTRAL.has(s)), 'untranslated text in the Chinese UI').toEqual([]);
    expect(zhAgain.filter((s) => enSet.has(s) && !LANGUAGE_NEUTRAL.has(s)), 'English left after switching back').toEqual([]);
    expect(zhAgain.filter((s) => !CJK.test(s) && !LANGUAGE_NEUTRAL.has(s)), 'untranslated text after switching back').toEqual([]);
  }

  it('operator: vessels on the map, a scripted violation in the feed, click → vessel panel; every string switches language', async () => {
    const page = await login('operator');
    const map = page.locator('[data-testid=map][data-ready="1"]');
    await map.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=map]')?.dataset.vesselFeatures ?? 0) > 0, null, { timeout: 90_000 });
    const drawn = Number(await map.getAttribute('data-vessel-features'));
    expect(drawn).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'operator-live-map.png') });

    const item = page.locator('[data-testid=feed-item]').first();
    await item.waitFor({ timeout: 150_000 });
    await item.click();
    const panel = page.locator('[data-testid=vessel-panel]');
    await panel.waitFor({ timeout: 20_000 });
    const mmsi = (await page.locator('.feed-item.selected .feed-vessel').textContent()) ?? '';
    const digits = mmsi.match(/\d{9}/)?.[0];
    expect(digits, `feed item shows an MMSI: "${mmsi}"`).toBeTruthy();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain(digits!);
    await page.screenshot({ path: join(ARTIFACTS, 'operator-alert-vessel-panel.png') });

    // A high or critical alert can have its vessel's alarm snoozed for an hour; it survives a reload.
    const snooze = page.locator('[data-testid=snooze]').first();
    await snooze.waitFor({ timeout: 150_000 });
    const snoozedId = await snooze.locator('xpath=ancestor::li//button[@data-alert-id]').getAttribute('data-alert-id');
    await snooze.click();
    const snoozed = page.locator(`li:has(button[data-alert-id="${snoozedId}"]) [data-testid=snooze][aria-pressed=true]`);
    await expect.poll(() => snoozed.textContent(), { timeout: 10_000 }).toMatch(/^提醒暂停至 \d\d:\d\d$/);
    await page.reload();
    await page.locator('[data-testid=conn-status][data-state=connected]').waitFor({ timeout: 60_000 });
    await snoozed.waitFor({ timeout: 60_000 });

    await expectLanguageSwitch(page, 'operator-english.png');
    await snoozed.click(); // lifted again: later steps hear the alarm as usual
    await page.locator(`li:has(button[data-alert-id="${snoozedId}"]) [data-testid=snooze][aria-pressed=false]`).waitFor({ timeout: 10_000 });
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
    await page.close();
  }, 400_000);

  it('inspector: confirm an alert with a note → the audit trail shows it', async () => {
    const page = await login('inspector');
    const open = page.locator('[data-testid=alert-row] a.button').first();
    await open.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-alerts.png') });
    await open.click();
    await page.locator('[data-testid=audit-trail] li').first().waitFor({ timeout: 60_000 });
    const note = `confirmed by browser test ${Date.now()}`;
    await page.locator('[data-testid=decision-note]').fill(note);
    await page.locator('[data-testid=confirm]').click();
    const confirmed = page.locator('[data-testid=audit-trail] li[data-action=confirmed]');
    await confirmed.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=audit-trail]').textContent()).toContain(note);
    await expect.poll(() => page.locator('[data-testid=alert-status]').textContent()).toContain('已认定');
    // The whole audit record, recomputed on the server.
    await page.locator('[data-testid=audit-verify]').click();
    const verified = page.locator('[data-testid=audit-verify-result][data-ok=true]');
    await verified.waitFor({ timeout: 20_000 });
    expect(await verified.textContent()).toMatch(/^审计记录完整 · 事件 \d+ · 已核对锚点 \d+( · 最近锚点 .+ \(事件 \d+\))?$/);
    await page.locator('[data-testid=replay-slider]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-alert-confirmed.png'), fullPage: true });
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
    await page.close();
  }, 200_000);

  it('port office: only the alerts of its jurisdiction are listed', async () => {
    const office = account('port_office');
    const page = await login('port_office');
    await page.locator('[data-testid=alert-row], [data-testid=alerts-tbody] td.empty').first().waitFor({ timeout: 30_000 });

    // Ground truth from the server as an inspector: all alerts, and the office's jurisdiction polygons.
    const inspector = account('inspector');
    const { accessToken } = (await (await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: inspector.username, password: inspector.password }) })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const zones = (await (await fetch(`${origin}/api/zones`, { headers: auth })).json()) as { features: { properties: { id: string }; geometry: never }[] };
    const jur = zones.features.filter((f) => office.jurisdictions.includes(f.properties.id));
    expect(jur.length, `jurisdiction zones ${office.jurisdictions.join(',')} exist`).toBeGreaterThan(0);
    type A = { id: string; position: { lat: number; lon: number } | null };
    const inside = (a: A) => !!a.position && jur.some((z) => booleanPointInPolygon([a.position!.lon, a.position!.lat], z.geometry));
    // The filter is only tested when some alert lies outside: wait for the simulator to produce one.
    let all: A[] = [];
    for (const end = Date.now() + 240_000; Date.now() < end; await new Promise((r) => setTimeout(r, 3000))) {
      all = ((await (await fetch(`${origin}/api/alerts?limit=500`, { headers: auth })).json()) as { items: A[] }).items;
      if (all.some((a) => !inside(a)) && all.some(inside)) break;
    }
    expect(all.some((a) => !inside(a)), `the simulator produced no alert outside ${office.jurisdictions.join(',')} in 4 min: the jurisdiction filter cannot be checked`).toBe(true);
    await page.reload();
    await page.locator('[data-testid=alert-row]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'port-office.png'), fullPage: true });
    const listed = await page.locator('[data-testid=alert-row]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.alertId!));
    // An open alert follows its vessel, so judge only alerts whose position is the same in the
    // snapshots taken before and after the page listed them (the page saw that same position).
    const after = new Map(((await (await fetch(`${origin}/api/alerts?limit=500`, { headers: auth })).json()) as { items: A[] }).items.map((a) => [a.id, a]));
    const stable = all.filter((a) => { const b = after.get(a.id); return !!b && JSON.stringify(b.position) === JSON.stringify(a.position); });
    const byId = new Map(stable.map((a) => [a.id, a]));
    for (const id of listed) {
      const a = byId.get(id);
      if (a) expect(inside(a), `listed alert ${id} lies in the jurisdiction`).toBe(true);
    }
    const outside = stable.filter((a) => !inside(a)).map((a) => a.id);
    expect(listed.filter((id) => outside.includes(id))).toEqual([]);
    // And what the office should see of that list is there (the list is newest first, one page).
    const expected = stable.filter(inside).map((a) => a.id).slice(0, 20);
    expect(expected.filter((id) => !listed.includes(id)), 'jurisdiction alerts missing from the office list').toEqual([]);
    console.log(`port office: ${listed.length} listed; server has ${all.length} alerts, ${outside.length} outside the jurisdiction`);
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
    await page.close();
  }, 120_000);

  it("port office: the hook-and-line boat's departure from its port is in the port-movement log; every string switches language", async () => {
    // The demo office watches Zhujiajian; ZHEPUYU 20316 sails from Shenjiamen: an office for Shenjiamen, made as admin.
    const admin = account('admin');
    const { accessToken } = (await (await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: admin.password }) })).json()) as { accessToken: string };
    const office: DemoAccount = { username: 'sjm-office', password: 'browser-test-sjm-1', role: 'port_office', jurisdictions: ['jur-shenjiamen'] };
    const made = await fetch(`${origin}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(office) });
    expect(made.status).toBe(201);
    const page = await login(office);
    await page.locator('[data-testid=movements-day]').fill(simDay);
    const departure = page.locator('[data-testid=movement]', { hasText: '412420105' }).first();
    // It leaves port ~20 simulated minutes after the feed starts (10 s at 120×), then needs 3 min outside.
    for (const end = Date.now() + 120_000; Date.now() < end && !(await departure.isVisible()); await new Promise((r) => setTimeout(r, 2000))) {
      await page.locator('[data-testid=movements-day]').locator('xpath=ancestor::form').locator('button[type=submit]').click();
    }
    await expect.poll(() => departure.textContent(), { timeout: 5000 }).toMatch(/ZHEPUYU 20316.*出港.*沈家门/);
    // The day's log as a CSV file, through the browser's download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=movements-csv]').click()]);
    expect(download.suggestedFilename()).toBe(`port-movements-${simDay}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/^at,movement,mmsi,/);
    expect(csv).toMatch(/,departure,412420105,ZHEPUYU 20316,hook_and_line,shenjiamen,port-shenjiamen,Shenjiamen fishing port,/);
    await expectLanguageSwitch(page, 'port-office-movements.png', { fullPage: true });
    // Names from the data (translate=no, so not judged above) follow the language too.
    await page.locator('[data-testid=lang-switch]').click();
    await expect.poll(() => page.locator('.jurisdiction').textContent()).toMatch(/Shenjiamen/);
    await expect.poll(() => departure.textContent()).toMatch(/Departure.*Shenjiamen fishing port/);
    await page.locator('[data-testid=lang-switch]').click();
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
    await page.close();
  }, 180_000);

  it('operator: the connection status shows the outage and recovers by itself after a server restart', async () => {
    const page = await login('operator');
    const status = page.locator('[data-testid=conn-status]');
    await stopServer();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('disconnected');
    await page.screenshot({ path: join(ARTIFACTS, 'operator-disconnected.png') });
    await startServer();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 120_000, intervals: [1000] }).toBe('connected');
    // Live data flows again on the new connection (the viewport is re-subscribed).
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=map]')?.dataset.vesselFeatures ?? 0) > 0, null, { timeout: 120_000 });
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
  }, 600_000);

  // Last: it re-uploads the zones (exactly what the server had) and adds an account.
  it('admin: a refused zones file names the feature, the same zones re-uploaded give the count, a new port-office account is listed; every string switches language', async () => {
    const admin = account('admin');
    const office = account('port_office');
    const { accessToken } = (await (await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: admin.password }) })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    type Zones = { type: string; features: { properties: { id: string; kind: string } }[] };
    const zones = (await (await fetch(`${origin}/api/zones`, { headers: auth })).json()) as Zones;
    expect(zones.features.length).toBeGreaterThan(2);

    const page = await login('admin');
    await page.locator('nav a[href="#/admin"]').click();
    await page.locator('[data-testid=zone-counts] li').first().waitFor({ timeout: 20_000 });
    const jurCount = zones.features.filter((f) => f.properties.kind === 'jurisdiction').length;
    await expect.poll(() => page.locator('[data-testid=zone-counts] li[data-kind=jurisdiction] strong').textContent()).toBe(String(jurCount));

    // Feature 2 with a kind the engine does not know: refused, and the page says which feature and why.
    const bad = structuredClone(zones);
    bad.features[2]!.properties.kind = 'no_such_kind';
    const file = page.locator('[data-testid=zones-file]');
    await file.setInputFiles({ name: 'bad-zones.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
    const result = page.locator('[data-testid=zones-result]');
    await result.locator('[data-kind=error]').waitFor({ timeout: 20_000 });
    const refused = (await result.textContent()) ?? '';
    expect(refused).toContain('features[2]');
    expect(refused).toContain('no_such_kind');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-zones-refused.png'), fullPage: true });

    // What GET returned, unchanged: accepted with its count, and the server still has those zones.
    await file.setInputFiles({ name: 'zones.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(zones)) });
    await result.locator('[data-kind=ok]').waitFor({ timeout: 30_000 });
    expect(await result.locator('[data-kind=ok] strong').textContent()).toBe(String(zones.features.length));
    expect(await (await fetch(`${origin}/api/zones`, { headers: auth })).json()).toEqual(zones);

    // A port-office account bound to the office's jurisdiction.
    const username = `port-test-${Date.now() % 1_000_000}`;
    await page.locator('[data-testid=new-user-name]').fill(username);
    await page.locator('[data-testid=new-user-password]').fill('browser-test-port-1');
    await page.locator('[data-testid=new-user-role]').selectOption('port_office');
    await page.locator(`[data-testid=new-user-jurisdictions] input[value="${office.jurisdictions[0]}"]`).check();
    await page.locator('[data-testid=new-user-submit]').click();
    const row = page.locator(`[data-testid=user-row][data-username="${username}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('港务办公室');
    const users = (await (await fetch(`${origin}/api/users`, { headers: auth })).json()) as { username: string; role: string; jurisdictions: string[] }[];
    expect(users.find((u) => u.username === username)).toMatchObject({ role: 'port_office', jurisdictions: [office.jurisdictions[0]] });
    // Disable, then enable again: the row stays, marked, and the server follows.
    await row.locator('[data-testid=user-disable]').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('1');
    const listed = async () => ((await (await fetch(`${origin}/api/users`, { headers: auth })).json()) as { username: string }[]).some((u) => u.username === username);
    expect(await listed(), 'a disabled account cannot log in and is not in the default list').toBe(false);
    // Still there, marked, after the page is loaded again: it can be enabled later.
    await page.reload();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-disabled')).toBe('1');
    await row.locator('[data-testid=user-enable]').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('0');
    expect(await listed()).toBe(true);
    await page.locator('.notice').waitFor({ state: 'hidden', timeout: 10_000 }); // the confirmation is in the language it was shown in
    // A typhoon sailing ban over the office's waters: declared, in the zones the server runs, lifted.
    const jurId = office.jurisdictions[0]!;
    await page.locator('[data-testid=closure-area]').selectOption(jurId);
    await page.locator('[data-testid=closure-name-zh]').fill('台风停航（测试）');
    await page.locator('[data-testid=closure-name-en]').fill('Typhoon sailing ban (test)');
    await page.locator('[data-testid=closure-from]').fill('2026-09-14T18:00');
    await page.locator('[data-testid=closure-to]').fill('2026-09-16T06:00');
    await page.locator('[data-testid=closure-submit]').click();
    const closureRow = page.locator('[data-testid=closure-row]', { hasText: '台风停航（测试）' }); // the scenario has a closure of its own
    await closureRow.first().waitFor({ timeout: 20_000 });
    expect(await closureRow.first().textContent()).toContain('2026-09-14 18:00');
    const closureId = await closureRow.first().getAttribute('data-zone-id');
    const served = (await (await fetch(`${origin}/api/zones`, { headers: auth })).json()) as { features: { properties: Record<string, unknown> }[] };
    expect(served.features.find((f) => f.properties.id === closureId)?.properties).toMatchObject({ kind: 'temporary_closure', area: jurId, validFrom: '2026-09-14T10:00:00.000Z', validTo: '2026-09-15T22:00:00.000Z' });
    await page.screenshot({ path: join(ARTIFACTS, 'admin-closure.png'), fullPage: true });
    await closureRow.first().locator('[data-testid=closure-lift]').click();
    await expect.poll(() => closureRow.count(), { timeout: 20_000 }).toBe(0);
    await page.locator('.notice').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'admin-view.png'), fullPage: true });

    await expectLanguageSwitch(page, 'admin-english.png', { fullPage: true });
    expect(offOrigin, 'requests outside the server origin').toEqual([]);
    await page.close();
  }, 300_000);
});
