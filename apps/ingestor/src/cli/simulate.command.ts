// Placeholder until the command is implemented.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('seawarden simulate: not implemented yet\n');
  return 1;
}
