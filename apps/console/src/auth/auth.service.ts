import { createHash, randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { JwtService } from '@nestjs/jwt';
import type { Role, UserPublic } from '@seawarden/contracts';
import type { UserRecord, UsersRepository } from '@seawarden/store';
import { ApiError, unauthorized } from '../common/api-error.js';
import type { LoginLimiter } from './redis-login-rate-limiter.js';

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: UserPublic;
}

/** What a verified access token says about its bearer. */
export interface Principal {
  id: string;
  username: string;
  role: Role;
  jurisdictions: string[];
  /** Expiry, epoch seconds. */
  exp: number;
}

export const publicUser = (u: UserRecord): UserPublic => ({
  id: u.id,
  username: u.username,
  role: u.role,
  jurisdictions: u.jurisdictions,
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class TokenExpiredError extends ApiError {
  constructor() {
    super(401, 'token expired');
  }
}

/** Login, rotating refresh tokens and access-token verification. */
export class AuthService {
  private readonly jwt: JwtService;
  /** Timing equaliser for unknown usernames. */
  private readonly dummyHash: string;

  constructor(
    private readonly users: UsersRepository,
    private readonly limiter: LoginLimiter,
    secret: string,
    private readonly accessTtl: number,
    private readonly refreshTtl: number,
    private readonly bcryptCost: number,
  ) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
    this.dummyHash = bcrypt.hashSync('not-a-password', 4);
  }

  hashPassword(pw: string): Promise<string> {
    return bcrypt.hash(pw, this.bcryptCost);
  }

  async login(username: string, password: string, ip: string): Promise<LoginResponse> {
    const wait = await this.limiter.take(`${ip}|${username.toLowerCase()}`);
    if (wait > 0) throw new ApiError(429, `too many login attempts; retry in ${wait} s`, undefined, { retryAfter: wait });
    const user = await this.users.byUsername(username);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok || user.disabled) throw unauthorized('invalid username or password');
    return this.issue(user, randomUUID());
  }

  async refresh(refreshToken: string): Promise<LoginResponse> {
    const found = await this.users.consumeRefreshToken(sha256(refreshToken));
    if (!found) throw unauthorized('invalid refresh token');
    if (!found.fresh) {
      // A used or revoked token presented again: assume theft, end the whole family.
      await this.users.revokeFamily(found.token.familyId);
      throw unauthorized('refresh token already used or revoked');
    }
    const user = await this.users.byId(found.token.userId);
    if (!user || user.disabled) throw unauthorized('account disabled');
    return this.issue(user, found.token.familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    const found = await this.users.consumeRefreshToken(sha256(refreshToken));
    if (found) await this.users.revokeFamily(found.token.familyId);
  }

  /** Verifies an access token; throws 401 ('token expired' or 'unauthorized'). */
  verify(token: string): Principal {
    try {
      const p = this.jwt.verify<{ sub: string; username: string; role: Role; jur: string[]; exp: number }>(token);
      return { id: p.sub, username: p.username, role: p.role, jurisdictions: p.jur ?? [], exp: p.exp };
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') throw new TokenExpiredError();
      throw unauthorized('unauthorized');
    }
  }

  /** Signs an access token (tests use a negative ttl to make an expired one). */
  sign(user: UserPublic, ttlSeconds = this.accessTtl): string {
    const now = Math.floor(Date.now() / 1000);
    return this.jwt.sign({ sub: user.id, username: user.username, role: user.role, jur: user.jurisdictions, iat: now, exp: now + ttlSeconds });
  }

  private async issue(user: UserRecord, familyId: string): Promise<LoginResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.users.insertRefreshToken({
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.refreshTtl * 1000),
    });
    const pub = publicUser(user);
    return { accessToken: this.sign(pub), expiresIn: this.accessTtl, refreshToken, refreshExpiresIn: this.refreshTtl, user: pub };
  }
}
