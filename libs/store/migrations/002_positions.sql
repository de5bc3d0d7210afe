-- Positions: append-only time series. No unique key per row: replays are made idempotent by
-- position_batches (the batch id is inserted in the same transaction as its rows).
CREATE TABLE IF NOT EXISTS positions (
  t           timestamptz NOT NULL,
  mmsi        integer NOT NULL,
  lat         double precision NOT NULL,
  lon         double precision NOT NULL,
  sog         real,
  cog         real,
  heading     smallint,
  nav_status  smallint,
  msg_type    smallint NOT NULL,
  source      text
);
-- Track of one vessel over a time range.
CREATE INDEX IF NOT EXISTS positions_mmsi_t_idx ON positions (mmsi, t);
-- Time-range scans (replay at time T, retention) on an insert-ordered table.
CREATE INDEX IF NOT EXISTS positions_t_brin ON positions USING brin (t) WITH (pages_per_range = 32);

CREATE TABLE IF NOT EXISTS position_batches (
  id          uuid PRIMARY KEY,
  rows        integer NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS position_batches_written_at_idx ON position_batches (written_at);
