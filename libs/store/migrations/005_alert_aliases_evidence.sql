-- Evidence the continued alert had when an alias was merged into it (kept in front of the
-- alias's own evidence so nothing recorded before a restart is lost).
ALTER TABLE alert_aliases ADD COLUMN IF NOT EXISTS base_evidence jsonb NOT NULL DEFAULT '[]'::jsonb;
