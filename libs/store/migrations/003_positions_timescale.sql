-- requires: timescaledb
-- Only where the timescaledb extension is installed (skipped and not recorded elsewhere).
-- UNTESTED in this repository's CI (TimescaleDB is not installable here); kept minimal.
-- positions becomes a hypertable of 1-day chunks; chunks older than 7 days are compressed,
-- segmented by vessel so a track query decompresses one vessel's segment only.
-- The retention policy is set at startup from the retentionDays option (see retention.ts).
SELECT create_hypertable('positions', by_range('t', INTERVAL '1 day'),
                         create_default_indexes => FALSE, if_not_exists => TRUE, migrate_data => TRUE);
ALTER TABLE positions SET (timescaledb.compress,
                           timescaledb.compress_segmentby = 'mmsi',
                           timescaledb.compress_orderby = 't');
SELECT add_compression_policy('positions', INTERVAL '7 days', if_not_exists => TRUE);
