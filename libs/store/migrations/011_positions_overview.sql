-- Every fifth fix of a vessel (marked by the writer) in its own covering index: a track query
-- over many fixes reads a fifth of the rows (see TrackQueries.track). Rows written before this
-- migration are unmarked; the query then reads the full index as before.
ALTER TABLE positions ADD COLUMN IF NOT EXISTS overview boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS positions_overview_idx ON positions (mmsi, t) INCLUDE (lat, lon, sog, cog, heading) WHERE overview;
