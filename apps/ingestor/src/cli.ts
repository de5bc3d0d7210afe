/**
 * `npx seawarden <command>`: the command-line entry point. Each command lives in its own
 * module under ./cli and exports `run(argv): Promise<number>` (the exit code).
 */
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  decode: () => import('./cli/decode.command.js'),
  simulate: () => import('./cli/simulate.command.js'),
  detect: () => import('./cli/detect.command.js'),
};

const usage = `usage: seawarden <command> [options]

commands:
  decode [FILE|-] [--stats]          NMEA in, decoded messages out as JSON Lines
  simulate --scenario zhoushan --start ISO --hours N --seed N [--truth FILE]
                                     scenario traffic as NMEA with c: tag blocks
  detect [FILE|-] [--zones FILE] [--registry FILE] [--calendars FILE] [--land FILE]
                                     NMEA in, alerts out as JSON Lines
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`seawarden: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`seawarden: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
