import type { Role, UserPublic } from '@seawarden/contracts';

/** The parameterised-query surface these repositories need (store.db satisfies it). */
export interface ConsoleQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface UserRecord extends UserPublic {
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

export interface RefreshTokenRecord {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const toUser = (r: any): UserRecord => ({
  id: r.id,
  username: r.username,
  role: r.role as Role,
  jurisdictions: json<string[]>(r.jurisdictions) ?? [],
  passwordHash: r.password_hash,
  disabled: r.disabled,
  createdAt: iso(r.created_at),
});

/** Console accounts and refresh tokens. All SQL is parameterised. */
export class UsersRepository {
  constructor(private readonly db: ConsoleQueryable) {}

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM console_users');
    return Number(rows[0]?.n ?? 0);
  }

  async list(): Promise<UserRecord[]> {
    const { rows } = await this.db.query('SELECT * FROM console_users ORDER BY username');
    return rows.map(toUser);
  }

  async byId(id: string): Promise<UserRecord | null> {
    const { rows } = await this.db.query('SELECT * FROM console_users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const { rows } = await this.db.query('SELECT * FROM console_users WHERE username = $1', [username]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async insert(u: { id: string; username: string; passwordHash: string; role: Role; jurisdictions: string[] }): Promise<UserRecord> {
    const { rows } = await this.db.query(
      `INSERT INTO console_users (id, username, password_hash, role, jurisdictions)
       VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *`,
      [u.id, u.username, u.passwordHash, u.role, JSON.stringify(u.jurisdictions)],
    );
    return toUser(rows[0]);
  }

  async update(
    id: string,
    p: { role?: Role; jurisdictions?: string[]; passwordHash?: string; disabled?: boolean },
  ): Promise<UserRecord | null> {
    const { rows } = await this.db.query(
      `UPDATE console_users SET
         role = COALESCE($2, role),
         jurisdictions = COALESCE($3::jsonb, jurisdictions),
         password_hash = COALESCE($4, password_hash),
         disabled = COALESCE($5, disabled),
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, p.role ?? null, p.jurisdictions ? JSON.stringify(p.jurisdictions) : null, p.passwordHash ?? null, p.disabled ?? null],
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  async insertRefreshToken(t: { id: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.query(
      `INSERT INTO console_refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [t.id, t.userId, t.familyId, t.tokenHash, t.expiresAt.toISOString()],
    );
  }

  /**
   * Marks the token used if it is still fresh; returns it with `fresh` telling whether this
   * call consumed it (false = reuse of a used/revoked token, or unknown).
   */
  async consumeRefreshToken(tokenHash: string): Promise<{ token: RefreshTokenRecord; fresh: boolean } | null> {
    const { rows: used } = await this.db.query(
      `UPDATE console_refresh_tokens SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING *`,
      [tokenHash],
    );
    if (used[0]) return { token: toToken(used[0]), fresh: true };
    const { rows } = await this.db.query('SELECT * FROM console_refresh_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? { token: toToken(rows[0]), fresh: false } : null;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query(
      'UPDATE console_refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  async revokeUser(userId: string): Promise<void> {
    await this.db.query(
      'UPDATE console_refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }
}

const toToken = (r: any): RefreshTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  familyId: r.family_id,
  expiresAt: iso(r.expires_at),
  usedAt: isoOrNull(r.used_at),
  revokedAt: isoOrNull(r.revoked_at),
});
