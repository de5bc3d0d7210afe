import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@seawarden/contracts';
import type { UsersRepository } from '@seawarden/store';
import type { ConsoleSettings } from '../console.deps.js';
import type { AuthService } from './auth.service.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  jurisdictions: string[];
}

const randomPassword = () => randomBytes(12).toString('base64url');

async function ensure(users: UsersRepository, auth: AuthService, a: DemoAccount): Promise<boolean> {
  if (await users.byUsername(a.username)) return false;
  try {
    await users.insert({ id: randomUUID(), username: a.username, passwordHash: await auth.hashPassword(a.password), role: a.role, jurisdictions: a.jurisdictions });
    return true;
  } catch (err) {
    // Another instance created it at the same moment.
    if (await users.byUsername(a.username)) return false;
    throw err;
  }
}

/**
 * First start: the `admin` account from ADMIN_PASSWORD, else with a random password printed
 * once. DEMO_ACCOUNTS: one account per role (passwords kept in DATA_DIR/demo-credentials.json
 * so they can be printed on every start).
 */
export async function bootstrapAccounts(
  users: UsersRepository,
  auth: AuthService,
  s: ConsoleSettings,
  log: (line: string) => void,
): Promise<DemoAccount[]> {
  const adminPassword = s.adminPassword ?? randomPassword();
  if (await ensure(users, auth, { username: 'admin', password: adminPassword, role: 'admin', jurisdictions: [] })) {
    log(s.adminPassword
      ? 'console: created account "admin" with the password from ADMIN_PASSWORD'
      : `console: created account "admin" with password ${adminPassword} (shown once; change it)`);
  }
  if (!s.demoAccounts) return [];
  const file = join(s.dataDir, 'demo-credentials.json');
  const saved: DemoAccount[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const wanted: Omit<DemoAccount, 'password'>[] = [
    { username: 'operator', role: 'operator', jurisdictions: [] },
    { username: 'inspector', role: 'inspector', jurisdictions: [] },
    { username: 'port-zhujiajian', role: 'port_office', jurisdictions: [s.demoJurisdiction] },
    { username: 'demo-admin', role: 'admin', jurisdictions: [] },
  ];
  const accounts = wanted.map((w) => ({ ...w, password: saved.find((x) => x.username === w.username)?.password ?? randomPassword() }));
  for (const a of accounts) await ensure(users, auth, a);
  mkdirSync(s.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  log('console: demo accounts (DEMO_ACCOUNTS):');
  for (const a of accounts) log(`  ${a.role.padEnd(11)} ${a.username} / ${a.password}${a.jurisdictions.length ? `  (jurisdiction ${a.jurisdictions.join(', ')})` : ''}`);
  return accounts;
}
