-- Port-office notification subscriptions, webhook deliveries and the per-attempt log (owner G).
CREATE TABLE IF NOT EXISTS console_subscriptions (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES console_users(id),
  name        text NOT NULL,
  rules       jsonb NOT NULL DEFAULT '[]'::jsonb,
  severities  jsonb NOT NULL DEFAULT '[]'::jsonb,
  zones       jsonb NOT NULL DEFAULT '[]'::jsonb,
  webhook_url text,
  secret      text,
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS console_subscriptions_user ON console_subscriptions (user_id);

CREATE TABLE IF NOT EXISTS console_webhook_deliveries (
  id              text PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES console_subscriptions(id) ON DELETE CASCADE,
  source_key      text NOT NULL,
  alert_id        text NOT NULL,
  event           text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (subscription_id, source_key)
);
CREATE INDEX IF NOT EXISTS console_webhook_deliveries_due ON console_webhook_deliveries (status, next_attempt_at);

CREATE TABLE IF NOT EXISTS console_webhook_attempts (
  id          bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES console_webhook_deliveries(id) ON DELETE CASCADE,
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  http_status integer,
  error       text,
  duration_ms integer
);
CREATE INDEX IF NOT EXISTS console_webhook_attempts_delivery ON console_webhook_attempts (delivery_id, attempt);
