import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrations } from './migrator.js';

describe('readMigrations', () => {
  it('orders every owner’s NNN_name.sql numerically and reads the timescaledb condition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '100_console.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '9_late.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003_ts.sql'), '-- requires: timescaledb\nSELECT 1;');
    writeFileSync(join(dir, '004_plain.sql'), '-- requires: !timescaledb\nSELECT 1;');
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    const m = readMigrations(dir);
    expect(m.map((x) => x.name)).toEqual(['003_ts', '004_plain', '9_late', '100_console']);
    expect(m.map((x) => x.requiresTimescale)).toEqual([true, false, null, null]);
  });
  it('ships the store’s migrations', () => {
    const names = readMigrations().map((m) => m.name);
    expect(names.slice(0, 3)).toEqual(['001_core', '002_positions', '003_positions_timescale']);
  });
});
