#!/usr/bin/env node
/**
 * `npm run bench:decode` (acceptance 8): decoding throughput and peak memory, ours next to peers
 * on the same input in the same run, each in its own process on one core.
 *
 *   1. `node apps/ingestor/bin/seawarden.js decode FILE > /dev/null` (JSON Lines out)
 *   2. the npm `ais-stream-decoder` (its README usage: write lines, read JSON strings)
 *   3. `gpsdecode -j < FILE > /dev/null` (Debian gpsd-clients), when installed
 *
 * Input: the largest corpus file (amsa-terrestrial.nmea) repeated to ≥ 400k lines.
 * Figures: wall time (best of RUNS), CPU time of that run, input lines (NMEA sentences of every
 * kind) per second of wall and of CPU, AIS sentences per second, and max RSS. On a shared
 * machine the CPU-time rate is the steadier figure. Needs the build: `npx tsc -b libs/ais apps/ingestor`
 * (done here when dist is missing or older than the sources).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusFile = join(root, '..', 'shared', 'ais-corpus', 'amsa-terrestrial.nmea');
const MIN_LINES = 400_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function newestMtime(dir, filter) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p, filter));
    else if (filter(p)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuild() {
  const cli = join(root, 'apps/ingestor/dist/cli/decode.command.js');
  const lib = join(root, 'libs/ais/dist/index.js');
  const isSource = (p) => p.endsWith('.ts') && !p.endsWith('.spec.ts');
  const fresh =
    existsSync(cli) &&
    existsSync(lib) &&
    statSync(lib).mtimeMs >= newestMtime(join(root, 'libs/ais/src'), isSource) &&
    statSync(cli).mtimeMs >= statSync(join(root, 'apps/ingestor/src/cli/decode.command.ts')).mtimeMs;
  if (fresh) {
    console.log('build: dist is present and newer than the sources');
    return;
  }
  console.log('build: dist missing or stale, running `npx tsc -b libs/ais apps/ingestor` …');
  const r = spawnSync('npx', ['tsc', '-b', 'libs/ais', 'apps/ingestor'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    if (existsSync(cli) && existsSync(lib)) console.log('build: tsc reported errors (elsewhere?); measuring the dist that exists');
    else {
      console.error('build failed and there is no dist to measure');
      process.exit(1);
    }
  }
}

/** Run `cmd args` on one core with stdin/stdout files; wall, CPU and max RSS from /usr/bin/time or the child itself. */
function measure(cmd, args, { stdin, stdout = '/dev/null', env } = {}) {
  const timeFile = join(work, 'time.txt');
  const pin = has('taskset') ? ['taskset', '-c', '0'] : [];
  const useTime = existsSync('/usr/bin/time');
  const argv = [...(useTime ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', timeFile] : []), ...pin, cmd, ...args];
  const redirect = `${stdin ? ` < '${stdin}'` : ''} > '${stdout}'`;
  const shell = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ') + redirect;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', shell], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const wallNs = Number(process.hrtime.bigint() - t0);
  if (r.status !== 0) return { error: `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
  let wall = wallNs / 1e9;
  let cpu = NaN;
  let rssKb = NaN;
  if (useTime) {
    const [e, u, s, m] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    wall = e;
    cpu = u + s;
    rssKb = m;
  }
  // Children that report themselves (the ais-stream-decoder runner) print one JSON line last on stderr.
  const report = (r.stderr || '').trim().split('\n').pop();
  let self = null;
  try {
    self = JSON.parse(report);
  } catch {
    /* not a report */
  }
  if (self && Number.isNaN(rssKb)) rssKb = self.maxRssKb;
  if (self && Number.isNaN(cpu)) cpu = self.cpuS;
  return { wall, cpu, rssKb, stderr: r.stderr, self };
}

function best(runs) {
  const ok = runs.filter((r) => !r.error);
  if (ok.length === 0) return runs[0];
  return ok.reduce((a, b) => (b.wall < a.wall ? b : a));
}

// ---------------------------------------------------------------------------------------------

if (!existsSync(corpusFile)) {
  console.log(`bench:decode skipped: ${corpusFile} not found (the corpus lives in ../shared/ais-corpus)`);
  process.exit(0);
}
ensureBuild();

const work = mkdtempSync(join(tmpdir(), 'seawarden-bench-decode-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const text = readFileSync(corpusFile, 'latin1');
const body = text.endsWith('\n') ? text : text + '\n';
const perCopy = body.split('\n').length - 1;
const copies = Math.ceil(MIN_LINES / perCopy);
const input = join(work, 'input.nmea');
writeFileSync(input, body.repeat(copies), 'latin1');
const lines = perCopy * copies;
const aisSentences = (body.match(/^[^\n]*VD[MO],/gm) ?? []).length * copies;
console.log(`input: amsa-terrestrial.nmea × ${copies} = ${lines} lines (${aisSentences} AIS sentences), ${(statSync(input).size / 1e6).toFixed(1)} MB`);
console.log(`node ${process.version}, ${has('taskset') ? 'pinned to core 0 (taskset)' : 'not pinned (no taskset)'}, ${RUNS} runs each, best wall time shown`);

const peerRunner = join(work, 'ais-stream-decoder-runner.cjs');
writeFileSync(
  peerRunner,
  `// ais-stream-decoder as its README shows: write one line at a time, read JSON strings.
const fs = require('node:fs');
const AisDecoder = require(${JSON.stringify(join(root, 'node_modules/ais-stream-decoder'))}).default;
const decoder = new AisDecoder({ silent: true });
const outFd = fs.openSync(process.argv[3], 'w');
let out = '', messages = 0, lines = 0;
decoder.on('data', (json) => { messages++; out += json + '\\n'; if (out.length >= 65536) { fs.writeSync(outFd, out); out = ''; } });
decoder.on('error', (e) => { process.stderr.write('ais-stream-decoder error: ' + e.message + '\\n'); });
const input = fs.createReadStream(process.argv[2], { encoding: 'latin1', highWaterMark: 65536 });
let rest = '';
(async () => {
  for await (const chunk of input) {
    const s = rest + chunk; let start = 0, nl = s.indexOf('\\n');
    while (nl >= 0) { lines++; if (!decoder.write(s.slice(start, nl))) await new Promise((r) => decoder.once('drain', r)); start = nl + 1; nl = s.indexOf('\\n', start); }
    rest = s.slice(start);
  }
  decoder.end();
  await new Promise((r) => decoder.on('end', r).resume());
  fs.writeSync(outFd, out);
  const u = process.resourceUsage();
  process.stderr.write(JSON.stringify({ lines, messages, maxRssKb: u.maxRSS, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n');
})();
`,
);

const results = [];
function bench(name, cmd, args, opts, messagesOf) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(cmd, args, opts));
  const r = best(runs);
  results.push({ name, ...r, messages: r.error ? null : messagesOf(r) });
}

bench('seawarden decode', process.execPath, [join(root, 'apps/ingestor/bin/seawarden.js'), 'decode', input, '--stats'], {}, (r) => {
  const m = /\((\d+) messages\)/.exec(r.stderr);
  return m ? Number(m[1]) : null;
});
bench('ais-stream-decoder 2.1.2', process.execPath, [peerRunner, input, '/dev/null'], {}, (r) => r.self?.messages ?? null);
if (has('gpsdecode')) {
  bench('gpsdecode -j (gpsd 3.22)', 'gpsdecode', ['-j'], { stdin: input }, () => {
    const out = join(work, 'gpsd.out');
    measure('gpsdecode', ['-j'], { stdin: input, stdout: out });
    return execFileSync('grep', ['-c', '"class":"AIS"', out], { encoding: 'utf8' }).trim() * 1;
  });
} else {
  results.push({ name: 'gpsdecode', error: 'not installed (apt-get install -y gpsd-clients); skipped' });
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
console.log('');
console.log('decoder                      wall s   cpu s   lines/s (wall)   lines/s (cpu)   AIS sent./s (wall)   max RSS MB   messages out');
for (const r of results) {
  if (r.error) {
    console.log(`${r.name.padEnd(27)}  ${r.error}`);
    continue;
  }
  console.log(
    `${r.name.padEnd(27)} ${fmt(r.wall, 2).padStart(7)} ${fmt(r.cpu, 2).padStart(7)} ${fmt(lines / r.wall).padStart(16)} ${fmt(lines / r.cpu).padStart(15)} ${fmt(aisSentences / r.wall).padStart(20)} ${fmt(r.rssKb / 1024, 1).padStart(12)} ${String(r.messages ?? 'n/a').padStart(14)}`,
  );
}
const ours = results[0];
if (!ours.error) {
  const target = 500_000;
  const rate = lines / ours.wall;
  console.log(`\ntarget ≥ ${fmt(target)} sentences/s including JSON output: ${rate >= target ? 'met' : 'not met'} by wall time (${fmt(rate)}/s), ${lines / ours.cpu >= target ? 'met' : 'not met'} by CPU time (${fmt(lines / ours.cpu)}/s)`);
}
