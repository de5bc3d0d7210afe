/**
 * Feeds → decoder → dedupe → detection engine → live bus, with the real engine on the built-in
 * Zhoushan configuration and scenario traffic replayed from a file (no store: that path is
 * covered by the full-process test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, parseFeeds } from '@seawarden/config';
import { MemoryLiveBus } from '@seawarden/console';
import { ALERT_RULES, type AlertChange, type VesselSnapshot } from '@seawarden/contracts';
import { DetectionEngine } from '@seawarden/geofence';
import { loadDetectionConfig } from '@seawarden/geofence/scenario';
import { FeedManager, FileReplaySource, PipelineService, aisDecoderFactory } from '@seawarden/ingestor';
import { simulate } from '../apps/ingestor/src/simulator/index.js';

const dir = mkdtempSync(join(tmpdir(), 'seawarden-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pipeline', () => {
  it('turns scenario traffic into vessel snapshots and alert changes on the live bus', async () => {
    const sim = simulate({ scenario: 'zhoushan', start: new Date('2026-07-18T06:00:00+08:00'), hours: 3, seed: 1 });
    const lines: string[] = [];
    for (const f of sim.frames()) lines.push(...f.lines);
    const file = join(dir, 'day.nmea');
    writeFileSync(file, lines.join('\n') + '\n');

    const { zones, calendars, registry } = loadDetectionConfig();
    const engine = new DetectionEngine({ zones, calendars, registry });
    const bus = new MemoryLiveBus();
    const alerts: AlertChange[] = [];
    const vessels: VesselSnapshot[][] = [];
    bus.onAlert((c) => alerts.push(c));
    bus.onVessels((v) => vessels.push(v));

    const feeds = new FeedManager({
      feeds: parseFeeds(`file://${file}?id=rx-a`),
      dedupeWindowMs: 2000,
      createDecoder: aisDecoderFactory,
      logger: createLogger('test', 'warn'),
    });
    const pipeline = new PipelineService(feeds, { engine, store: null, bus });
    await pipeline.onApplicationBootstrap();
    await (feeds.source('rx-a') as FileReplaySource).finished;
    await pipeline.beforeApplicationShutdown();

    const status = feeds.status();
    const decoded = status.reduce((n, s) => n + s.messages, 0);
    const duplicates = status.reduce((n, s) => n + s.duplicates, 0);
    expect(status.map((s) => s.state)).toEqual(['stopped']);
    expect(status[0]!.lines).toBe(lines.length);
    expect(status[0]!.rejected).toEqual({});
    expect(decoded).toBeGreaterThan(1000);
    expect(pipeline.stats.messages).toBe(decoded - duplicates);

    expect(engine.vesselCount).toBeGreaterThan(10);
    expect(vessels.flat().length).toBeGreaterThan(0);
    expect(alerts.length).toBeGreaterThan(0);
    for (const c of alerts) expect(ALERT_RULES).toContain(c.alert.rule);
    const opened = alerts.filter((c) => c.kind === 'opened');
    expect(opened.length).toBeGreaterThan(0);
    for (const c of opened) expect(c.alert).toMatchObject({ mmsi: expect.any(Number), openedAt: expect.any(String), closedAt: null });
    // What the engine still holds open was published as opened and never as closed.
    for (const a of engine.openAlerts()) expect(alerts.some((c) => c.kind === 'opened' && c.alert.id === a.id)).toBe(true);
  });
});
