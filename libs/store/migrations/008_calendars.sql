-- The fishing-ban calendars the engine runs with, shared between processes (an ingestor and its
-- consoles) like zones and the registry. One JSON document, replaced whole (the geofence loader
-- validates it as a whole); `version` and `updated_at` make the stamp other processes poll.
CREATE TABLE IF NOT EXISTS ban_calendars (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  document    jsonb NOT NULL,
  version     bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
