-- Alerts: one row per alert (detector episode), workflow status kept by the console.
CREATE TABLE IF NOT EXISTS alerts (
  id           text PRIMARY KEY,
  rule         text NOT NULL,
  severity     text NOT NULL,
  mmsi         integer NOT NULL,
  vessel_name  text,
  zone_id      text,
  opened_at    timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  closed_at    timestamptz,
  lat          double precision,
  lon          double precision,
  reason       jsonb NOT NULL,
  evidence     jsonb NOT NULL DEFAULT '[]'::jsonb,
  status       text NOT NULL DEFAULT 'open'
);
-- Keyset paging (newest first) and the console's filters.
CREATE INDEX IF NOT EXISTS alerts_opened_idx ON alerts (opened_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS alerts_rule_opened_idx ON alerts (rule, opened_at DESC);
CREATE INDEX IF NOT EXISTS alerts_mmsi_opened_idx ON alerts (mmsi, opened_at DESC);
CREATE INDEX IF NOT EXISTS alerts_zone_opened_idx ON alerts (zone_id, opened_at DESC);
CREATE INDEX IF NOT EXISTS alerts_open_episode_idx ON alerts (rule, mmsi, zone_id) WHERE closed_at IS NULL;

-- An alert id the engine opened while the same episode was already open in the database
-- (engine state older than the database after a crash) points to the alert it continues.
CREATE TABLE IF NOT EXISTS alert_aliases (
  alias_id  text PRIMARY KEY,
  alert_id  text NOT NULL REFERENCES alerts (id)
);

-- Every change of an alert: who, when, what, note. Append-only, hash-chained per alert.
-- change_key makes a replayed engine change idempotent (NULL for human actions).
CREATE TABLE IF NOT EXISTS alert_events (
  id          bigserial PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alerts (id),
  action      text NOT NULL,
  actor       text NOT NULL,
  at          timestamptz NOT NULL,
  note        text,
  data        jsonb,
  change_key  text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_events_alert_idx ON alert_events (alert_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS alert_events_change_key_idx ON alert_events (alert_id, change_key);

-- Transactional outbox: written in the same transaction as the alert, delivered later
-- (webhooks, notifications) with retries.
CREATE TABLE IF NOT EXISTS outbox (
  id               bigserial PRIMARY KEY,
  topic            text NOT NULL,
  key              text NOT NULL,
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  last_error       text
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_topic_key_idx ON outbox (topic, key);
CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
