-- The head of each alert's audit chain (hash and length), written in the same transaction as
-- every event: deleting the newest events of an alert (which leaves a valid shorter chain) no
-- longer goes unnoticed by the verification.
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS audit_head text;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS audit_count integer NOT NULL DEFAULT 0;
UPDATE alerts a SET
  audit_count = e.n,
  audit_head = (SELECT hash FROM alert_events WHERE alert_id = a.id ORDER BY id DESC LIMIT 1)
FROM (SELECT alert_id, count(*)::int AS n FROM alert_events GROUP BY alert_id) e
WHERE e.alert_id = a.id AND a.audit_count = 0;
