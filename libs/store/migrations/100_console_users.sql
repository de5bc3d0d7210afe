-- Console accounts and rotating refresh tokens (owner G).
CREATE TABLE IF NOT EXISTS console_users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('operator', 'inspector', 'port_office', 'admin')),
  jurisdictions jsonb NOT NULL DEFAULT '[]'::jsonb,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS console_refresh_tokens (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES console_users(id),
  family_id   text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS console_refresh_tokens_family ON console_refresh_tokens (family_id);
