-- 0005: the rate a source is sending at (lines per minute over the last
-- five minutes), written by the collector with its health every second,
-- so `kizuki status` and the window can say how lively a source is.

ALTER TABLE sources ADD COLUMN rate_per_min REAL NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN rate_at INTEGER NOT NULL DEFAULT 0;
