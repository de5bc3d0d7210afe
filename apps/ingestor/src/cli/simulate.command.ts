import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, simulate, type ScenarioName } from '../simulator/index.js';
import { writeLines } from './line-output.js';

const USAGE = 'usage: seawarden simulate --scenario zhoushan --start ISO --hours N --seed N [--truth FILE]';

/**
 * `seawarden simulate`: scenario traffic as NMEA with `s:`/`c:` tag blocks on stdout;
 * `--truth FILE` writes the scripted violations as JSON Lines {rule, mmsi, from, to}.
 */
export async function run(argv: string[]): Promise<number> {
  let values: { scenario?: string; start?: string; hours?: string; seed?: string; truth?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { scenario: { type: 'string' }, start: { type: 'string' }, hours: { type: 'string' }, seed: { type: 'string' }, truth: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (e) {
    return usageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scenario = values.scenario ?? 'zhoushan';
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) return usageError(`unknown scenario '${scenario}' (known: ${SCENARIO_NAMES.join(', ')})`);
  if (!values.start) return usageError('--start ISO is required (e.g. 2026-07-18T00:00:00+08:00)');
  const start = new Date(values.start);
  if (Number.isNaN(start.getTime())) return usageError(`--start '${values.start}' is not an ISO date-time`);
  const hours = values.hours === undefined ? 24 : Number(values.hours);
  if (!(hours > 0) || hours > 24 * 366) return usageError(`--hours '${values.hours}' must be a number of hours in (0, 8784]`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) return usageError(`--seed '${values.seed}' must be an integer`);

  const sim = simulate({ scenario: scenario as ScenarioName, start, hours, seed });
  if (values.truth) {
    const out = createWriteStream(values.truth);
    const done = new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      out.on('finish', resolve);
    });
    out.end(sim.truth.map((t) => `${JSON.stringify(t)}\n`).join(''));
    try {
      await done;
    } catch (e) {
      process.stderr.write(`seawarden simulate: cannot write truth file ${values.truth}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  await writeLines(process.stdout, (function* () {
    for (const f of sim.frames()) yield* f.lines;
  })());
  return 0;
}

function usageError(reason: string): number {
  process.stderr.write(`seawarden simulate: ${reason}\n${USAGE}\n`);
  return 2;
}
