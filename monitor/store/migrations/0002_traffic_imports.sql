-- 0002: allowed traffic kept as per-hour aggregates (the beaconing rule and
-- the UI need who talked to whom, how often, not every allowed packet),
-- the import offsets that make an interrupted import resume, and the index
-- that per-host questions need.

CREATE TABLE traffic_hourly (
    hour       INTEGER NOT NULL,
    source     TEXT NOT NULL,
    src_ip     TEXT NOT NULL,
    dst_ip     TEXT NOT NULL,
    dst_port   INTEGER NOT NULL,
    proto      TEXT NOT NULL,
    domain     TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (hour, source, src_ip, dst_ip, dst_port, proto, domain)
) STRICT, WITHOUT ROWID;

CREATE INDEX traffic_hourly_pair ON traffic_hourly (src_ip, dst_ip, hour);

CREATE TABLE imports (
    path     TEXT PRIMARY KEY,
    identity TEXT NOT NULL,
    offset   INTEGER NOT NULL CHECK (offset >= 0),
    lines    INTEGER NOT NULL CHECK (lines >= 0),
    updated  INTEGER NOT NULL
) STRICT;

CREATE INDEX events_src_time ON events (src_ip, time);
