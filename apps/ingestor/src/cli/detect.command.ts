import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadDetectionConfig, ScenarioFileError, type DetectionConfig } from '@seawarden/geofence/scenario';
import { ZoneFileError } from '@seawarden/geofence';
import { detectAlerts } from './detect-alerts.js';
import { writeLines } from './line-output.js';

const USAGE = 'usage: seawarden detect [FILE|-] [--zones FILE] [--registry FILE] [--calendars FILE] [--land FILE] [--stats]';

/**
 * `seawarden detect`: NMEA in (FILE or stdin), alerts out as JSON Lines. Each alert is printed
 * once, in its final state at the end of the input (`closedAt` null when still open), ordered
 * by `openedAt`. Zones, calendars, registry and land outlines default to the Zhoushan scenario's; an invalid
 * file is reported with its name, the feature/line/path and the reason, exit code 2.
 */
export async function run(argv: string[]): Promise<number> {
  let values: { zones?: string; registry?: string; calendars?: string; land?: string; stats?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { zones: { type: 'string' }, registry: { type: 'string' }, calendars: { type: 'string' }, land: { type: 'string' }, stats: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`seawarden detect: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`seawarden detect: one input at most, got ${positionals.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  let config: DetectionConfig;
  try {
    config = loadDetectionConfig({ zones: values.zones, registry: values.registry, calendars: values.calendars, land: values.land });
  } catch (e) {
    if (e instanceof ScenarioFileError) {
      process.stderr.write(`seawarden detect: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const file = positionals[0] ?? '-';
  const input = file === '-' ? process.stdin : createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') return resolve();
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    process.stderr.write(`seawarden detect: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  let result;
  try {
    result = await detectAlerts(createInterface({ input, crlfDelay: Infinity }), config);
  } catch (e) {
    if (e instanceof ZoneFileError) {
      // e.g. a fishing_ban zone naming a calendar the calendars file lacks
      process.stderr.write(`seawarden detect: zones file ${config.files.zones}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  await writeLines(process.stdout, result.alerts.map((a) => JSON.stringify(a)));
  if (values.stats) {
    const c = result.counters;
    process.stderr.write(`lines ${c.lines}, messages ${c.messages}, rejected ${JSON.stringify(c.rejected)}, untimed ${result.untimed}, alerts ${result.alerts.length}\n`);
  } else if (result.untimed > 0) {
    process.stderr.write(`seawarden detect: ${result.untimed} message(s) before the first timestamp were skipped (no tag-block c: or trailing time)\n`);
  }
  return 0;
}
