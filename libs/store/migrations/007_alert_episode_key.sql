-- The engine's episode key of each alert (rule, vessel and what the detector keys the episode
-- on), so that a restarted engine whose saved state predates the alert can resume it.
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS episode_key text;
