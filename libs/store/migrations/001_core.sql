-- Vessels: latest static data (one row per MMSI) and every change of it.
CREATE TABLE IF NOT EXISTS vessels (
  mmsi            integer PRIMARY KEY,
  name            text,
  callsign        text,
  imo             integer,
  ship_type       smallint,
  destination     text,
  draught         real,
  eta             text,
  to_bow          smallint,
  to_stern        smallint,
  to_port         smallint,
  to_starboard    smallint,
  ais_class       text,
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  static_at       timestamptz,
  last_fix_at     timestamptz,
  last_lat        double precision,
  last_lon        double precision,
  last_sog        real,
  last_cog        real
);
CREATE INDEX IF NOT EXISTS vessels_name_idx ON vessels (lower(name));
CREATE INDEX IF NOT EXISTS vessels_callsign_idx ON vessels (lower(callsign));

CREATE TABLE IF NOT EXISTS vessel_history (
  id       bigserial PRIMARY KEY,
  mmsi     integer NOT NULL,
  at       timestamptz NOT NULL,
  -- {field: {from, to}} for every static field that changed
  changes  jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS vessel_history_mmsi_at_idx ON vessel_history (mmsi, at);

-- What the tracker needs to resume after a restart (engine.exportState()).
CREATE TABLE IF NOT EXISTS vessel_state (
  key       text PRIMARY KEY,
  state     jsonb NOT NULL,
  saved_at  timestamptz NOT NULL DEFAULT now()
);

-- Zones (GeoJSON features) and the vessel registry (ARCHITECTURE.md "Contracts").
CREATE TABLE IF NOT EXISTS zones (
  id          text PRIMARY KEY,
  kind        text NOT NULL,
  properties  jsonb NOT NULL,
  geometry    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS registry (
  mmsi                integer PRIMARY KEY,
  name                text,
  category            text,
  gear                text,
  licensed_passengers integer,
  home_port           text,
  notes               text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
