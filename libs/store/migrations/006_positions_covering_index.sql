-- The track query reads one vessel's fixes over a range: with the columns it returns in the
-- index it is an index-only scan (one vessel's day ~ a few dozen contiguous index pages instead
-- of one heap page per fix on a time-ordered table).
DROP INDEX IF EXISTS positions_mmsi_t_idx;
CREATE INDEX IF NOT EXISTS positions_track_idx ON positions (mmsi, t) INCLUDE (lat, lon, sog, cog, heading);
