-- The engine state in parts of plain JSON text: written one part per statement so that a large
-- state (thousands of vessels with their tracks) neither blocks the embedded database's thread
-- for seconds (one multi-MB jsonb value) nor holds its only connection. `vessel_state` keeps a
-- small head naming the generation whose parts are complete.
CREATE TABLE IF NOT EXISTS engine_state_parts (
  key         text NOT NULL,
  generation  bigint NOT NULL,
  seq         integer NOT NULL,
  body        text NOT NULL,
  PRIMARY KEY (key, generation, seq)
);
